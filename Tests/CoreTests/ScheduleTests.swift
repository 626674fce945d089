import Core
import Foundation
import Testing

@Suite("WeightDecaySchedule")
struct ScheduleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let schedule: WeightDecaySchedule
        let total: Int
        /// (step, expected factor) pairs, all exactly representable.
        let points: [(Int, Double)]
        var testDescription: String { schedule.description }
    }

    static let cases: [Case] = [
        Case(schedule: .constant, total: 100, points: [(0, 1), (50, 1), (10_000, 1)]),
        Case(schedule: .offAt(step: 100), total: 1000, points: [(0, 1), (99, 1), (100, 0), (999, 0)]),
        Case(schedule: .offAt(step: 0), total: 10, points: [(0, 0), (5, 0)]),
        Case(schedule: .linear(end: nil), total: 100, points: [(0, 1), (25, 0.75), (50, 0.5), (100, 0), (150, 0)]),
        Case(schedule: .linear(end: 40), total: 100, points: [(0, 1), (10, 0.75), (40, 0), (90, 0)]),
        Case(schedule: .cosine(end: nil), total: 100, points: [(0, 1), (50, 0.5), (100, 0), (300, 0)]),
        Case(schedule: .cosine(end: 20), total: 100, points: [(0, 1), (10, 0.5), (20, 0), (21, 0)]),
        Case(schedule: .step(milestones: [100, 200], gamma: 0.5), total: 300,
             points: [(0, 1), (99, 1), (100, 0.5), (199, 0.5), (200, 0.25), (299, 0.25)]),
        Case(schedule: .geometric(gamma: 0.5, every: 1), total: 10, points: [(0, 1), (1, 0.5), (3, 0.125)]),
        Case(schedule: .geometric(gamma: 0.5, every: 10), total: 100, points: [(0, 1), (9, 1), (10, 0.5), (25, 0.25)]),
        Case(schedule: .harmonic(every: 1), total: 10, points: [(0, 1), (1, 0.5), (3, 0.25), (7, 0.125)]),
        Case(schedule: .harmonic(every: 10), total: 100, points: [(0, 1), (9, 1), (10, 0.5), (39, 0.25)]),
        Case(schedule: .quadratic(every: 1), total: 10, points: [(0, 1), (1, 0.25), (3, 0.0625)]),
        Case(schedule: .quadratic(every: 5), total: 100, points: [(4, 1), (5, 0.25), (19, 0.0625)]),
        Case(schedule: .warmup(steps: 4, then: .constant), total: 100, points: [(0, 0.25), (1, 0.5), (3, 1), (4, 1), (99, 1)]),
        Case(schedule: .warmup(steps: 10, then: .linear(end: nil)), total: 110, points: [(4, 0.5), (10, 1), (35, 0.75), (60, 0.5), (110, 0)]),
        Case(schedule: .warmup(steps: 2, then: .offAt(step: 3)), total: 100, points: [(0, 0.5), (1, 1), (4, 1), (5, 0)]),
        Case(schedule: .warmup(steps: 2, then: .step(milestones: [1], gamma: 0.5)), total: 10, points: [(2, 1), (3, 0.5)]),
        Case(schedule: .warmup(steps: 4, then: .cosine(end: nil)), total: 8, points: [(4, 1), (6, 0.5), (8, 0)]),
        Case(schedule: .warmup(steps: 1, then: .geometric(gamma: 0.5, every: 1)), total: 10, points: [(0, 1), (2, 0.5)]),
        Case(schedule: .warmup(steps: 2, then: .harmonic(every: 1)), total: 10, points: [(3, 0.5)]),
        Case(schedule: .warmup(steps: 2, then: .quadratic(every: 1)), total: 10, points: [(3, 0.25)]),
    ]

    @Test(arguments: cases)
    func factorAtKnownSteps(_ c: Case) {
        for (t, expected) in c.points {
            #expect(c.schedule.factor(at: t, totalSteps: c.total) == expected, "step \(t)")
        }
    }

    @Test func cosineBetweenTheExactPoints() {
        let f = WeightDecaySchedule.cosine(end: 3).factor(at: 1, totalSteps: 100)
        #expect(abs(f - 0.75) < 1e-15)
    }

    @Test(arguments: [
        (WeightDecaySchedule.constant, "constant"),
        (.offAt(step: 500), "off-at:500"),
        (.linear(end: nil), "linear"),
        (.linear(end: 300), "linear:300"),
        (.cosine(end: nil), "cosine"),
        (.cosine(end: 7), "cosine:7"),
        (.step(milestones: [100, 2000], gamma: 0.1), "step:100,2000:0.1"),
        (.geometric(gamma: 0.99, every: 1), "geometric:0.99"),
        (.geometric(gamma: 0.5, every: 100), "geometric:0.5:100"),
        (.harmonic(every: 1), "harmonic"),
        (.harmonic(every: 10), "harmonic:10"),
        (.quadratic(every: 1), "quadratic"),
        (.quadratic(every: 3), "quadratic:3"),
        (.warmup(steps: 100, then: .offAt(step: 900)), "warmup:100+off-at:900"),
        (.warmup(steps: 5, then: .warmup(steps: 3, then: .cosine(end: nil))), "warmup:5+warmup:3+cosine"),
    ])
    func codableRoundTripThroughTheStringForm(schedule: WeightDecaySchedule, text: String) throws {
        #expect(schedule.description == text)
        let json = try JSONEncoder().encode([schedule])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([WeightDecaySchedule].self, from: json) == [schedule])
        #expect(try WeightDecaySchedule(parsing: text) == schedule)
        #expect(throws: Never.self) { try schedule.validate() }
    }

    @Test(arguments: [
        ("harmonic:1", WeightDecaySchedule.harmonic(every: 1)),
        ("geometric:0.5:1", .geometric(gamma: 0.5, every: 1)),
        ("step:300,100:0.5", .step(milestones: [100, 300], gamma: 0.5)),
        ("  off-at:10 ", .offAt(step: 10)),
    ])
    func equivalentSpellingsParseToTheSameSchedule(text: String, schedule: WeightDecaySchedule) throws {
        #expect(try WeightDecaySchedule(parsing: text) == schedule)
    }

    @Test(arguments: [
        ("off-at", "off-at needs the switch-off step"),
        ("off-at:", "off-at needs the switch-off step T as an integer ≥ 0"),
        ("off-at:-5", "as an integer ≥ 0"),
        ("off-at:1:2", "off-at needs the switch-off step"),
        ("step:100", "step needs milestones and a factor"),
        ("step::0.5", "step needs at least one milestone"),
        ("step:100:0", "step needs the factor GAMMA as a number > 0"),
        ("step:a,b:0.5", "step needs milestones as an integer ≥ 0"),
        ("geometric", "geometric needs a factor"),
        ("geometric:-1", "geometric needs the factor GAMMA as a number > 0"),
        ("geometric:0.5:0", "geometric needs EVERY as an integer ≥ 1"),
        ("linear:0", "linear needs the end step T as an integer ≥ 1"),
        ("cosine:x", "cosine needs the end step T"),
        ("harmonic:0", "harmonic needs EVERY as an integer ≥ 1"),
        ("quadratic:1:2", "wrong number of parameters for quadratic"),
        ("constant:3", "wrong number of parameters for constant"),
        ("warmup:10", "warmup needs a step count ≥ 1 and a schedule"),
        ("warmup:0+constant", "warmup needs a step count ≥ 1"),
        ("exponential", "unknown schedule 'exponential'"),
        ("", "unknown schedule ''"),
    ])
    func parseErrorsNameTheFieldAndTheAllowedForms(text: String, reason: String) {
        do {
            _ = try WeightDecaySchedule(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            guard case let .invalidField(field, value, allowed) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(field == "schedule")
            #expect(value == text)
            #expect(allowed.contains(reason), "\(allowed)")
            #expect(allowed.contains(WeightDecaySchedule.allowedForms))
            #expect(error.description.contains("field 'schedule'"))
        }
    }

    @Test func errorsInsideAWarmupShowTheWholeSchedule() {
        #expect(throws: CoreError.invalidField(
            field: "schedule", value: "warmup:5+off-at",
            allowed: "off-at needs the switch-off step: off-at:T; forms: \(WeightDecaySchedule.allowedForms)"
        )) {
            try WeightDecaySchedule(parsing: "warmup:5+off-at")
        }
    }

    @Test func decodingAnInvalidStringFails() {
        #expect(throws: CoreError.self) {
            try JSONDecoder().decode([WeightDecaySchedule].self, from: Data(#"["off-at"]"#.utf8))
        }
    }

    @Test(arguments: [
        WeightDecaySchedule.offAt(step: -1), .linear(end: 0), .cosine(end: -3), .step(milestones: [], gamma: 0.5),
        .step(milestones: [1], gamma: .nan), .geometric(gamma: 0, every: 1), .geometric(gamma: 0.5, every: 0),
        .harmonic(every: 0), .quadratic(every: -1), .warmup(steps: 0, then: .constant), .warmup(steps: 3, then: .linear(end: 0)),
    ])
    func validateRejectsBadParametersOfBuiltSchedules(schedule: WeightDecaySchedule) {
        #expect(throws: CoreError.self) { try schedule.validate() }
    }
}

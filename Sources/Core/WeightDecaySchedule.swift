import CKernels
import Foundation

/// How the weight decay λ_t changes over training: λ_t = λ · factor(t).
///
/// A schedule is written as a short string that round-trips through Codable:
///
/// | string | factor(t) |
/// | --- | --- |
/// | `constant` | 1 |
/// | `off-at:T` | 1 for t < T, then 0 (the papers' switch-off) |
/// | `linear` or `linear:T` | max(0, 1 − t/T), T = total steps by default |
/// | `cosine` or `cosine:T` | ½(1 + cos(π·min(t, T)/T)), T = total steps by default |
/// | `step:M1,M2,…:γ` | γ^(number of milestones ≤ t) |
/// | `geometric:γ` or `geometric:γ:E` | γ^k with k = ⌊t/E⌋, E = 1 by default |
/// | `harmonic` or `harmonic:E` | 1/k with k = ⌊t/E⌋ + 1 |
/// | `quadratic` or `quadratic:E` | 1/k² with k = ⌊t/E⌋ + 1 |
/// | `warmup:W+S` | (t + 1)/W for t < W, then schedule S at t − W |
/// | `pilot:δ:K` or `pilot:δ:K:F` | adaptive (``PILoTSchedule``): the trainer scales λ by δ or 1/δ after each epoch, and sets it to 0 after epoch ⌈F·T⌉; K a number or `auto` (``PILoTBudget``); 1 here |
public indirect enum WeightDecaySchedule: Hashable, Sendable, Codable, CustomStringConvertible {
    case constant
    case offAt(step: Int)
    case linear(end: Int?)
    case cosine(end: Int?)
    case step(milestones: [Int], gamma: Double)
    case geometric(gamma: Double, every: Int)
    case harmonic(every: Int)
    case quadratic(every: Int)
    case warmup(steps: Int, then: WeightDecaySchedule)
    case pilot(delta: Double, budget: PILoTBudget, switchOff: Double? = nil)

    /// The names a schedule string may start with.
    public static let names = ["constant", "off-at", "linear", "cosine", "step", "geometric", "harmonic", "quadratic", "warmup", "pilot"]

    /// What a schedule string may look like, for error messages.
    public static let allowedForms =
        "constant, off-at:T, linear[:T], cosine[:T], step:M1,M2,...:GAMMA, geometric:GAMMA[:EVERY], harmonic[:EVERY], quadratic[:EVERY], warmup:W+SCHEDULE, pilot:DELTA:BUDGET[:F] (BUDGET a number or auto, F in (0, 1])"

    /// base^exponent (exponent ≥ 0) by binary powering: the same bits on every CPU.
    @usableFromInline
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0, square = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= square }
            e >>= 1
            if e > 0 { square *= square }
        }
        return result
    }

    /// The multiplier of λ at step `t` of a run of `totalSteps` steps.
    @inlinable
    public func factor(at t: Int, totalSteps: Int) -> Double {
        switch self {
        case .constant:
            return 1
        case let .offAt(step):
            return t < step ? 1 : 0
        case let .linear(end):
            let e = Double(max(end ?? totalSteps, 1))
            return max(0, 1 - Double(t) / e)
        case let .cosine(end):
            let e = max(end ?? totalSteps, 1)
            return 0.5 * (1 + ck_cos(Double.pi * Double(min(t, e)) / Double(e)))
        case let .step(milestones, gamma):
            var f = 1.0
            for m in milestones where t >= m { f *= gamma }
            return f
        case let .geometric(gamma, every):
            return Self.power(gamma, t / every)
        case let .harmonic(every):
            return 1 / Double(t / every + 1)
        case let .quadratic(every):
            let k = Double(t / every + 1)
            return 1 / (k * k)
        case let .warmup(steps, then):
            if t < steps { return Double(t + 1) / Double(steps) }
            return then.factor(at: t - steps, totalSteps: max(totalSteps - steps, 1))
        case .pilot:
            return 1
        }
    }

    /// The canonical string form.
    public var description: String {
        switch self {
        case .constant: return "constant"
        case let .offAt(step): return "off-at:\(step)"
        case let .linear(end): return end.map { "linear:\($0)" } ?? "linear"
        case let .cosine(end): return end.map { "cosine:\($0)" } ?? "cosine"
        case let .step(milestones, gamma):
            return "step:\(milestones.map(String.init).joined(separator: ",")):\(gamma)"
        case let .geometric(gamma, every): return every == 1 ? "geometric:\(gamma)" : "geometric:\(gamma):\(every)"
        case let .harmonic(every): return every == 1 ? "harmonic" : "harmonic:\(every)"
        case let .quadratic(every): return every == 1 ? "quadratic" : "quadratic:\(every)"
        case let .warmup(steps, then): return "warmup:\(steps)+\(then)"
        case let .pilot(delta, budget, switchOff): return "pilot:\(delta):\(budget)" + (switchOff.map { ":\($0)" } ?? "")
        }
    }

    /// Parses the string form; the error names the field `schedule` and the allowed forms.
    public init(parsing text: String) throws(CoreError) {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("warmup:") {
            self = try Self.warmup(parsing: s.dropFirst("warmup:".count), text: text)
        } else {
            self = try ScheduleParts(text: text, trimmed: s).schedule()
        }
    }

    /// The error for the schedule string `text`: `why`, then the allowed forms.
    fileprivate static func invalid(_ text: String, _ why: String) -> CoreError {
        .invalidField(field: "schedule", value: text, allowed: "\(why); forms: \(allowedForms)")
    }

    /// Parses `W+SCHEDULE`, the part of `text` after `warmup:`; an error in the inner schedule is
    /// reported for the whole of `text`.
    private static func warmup(parsing rest: Substring, text: String) throws(CoreError) -> WeightDecaySchedule {
        guard let plus = rest.firstIndex(of: "+"), let w = Int(rest[..<plus]), w >= 1 else {
            throw invalid(text, "warmup needs a step count ≥ 1 and a schedule: warmup:W+SCHEDULE")
        }
        do {
            return .warmup(steps: w, then: try WeightDecaySchedule(parsing: String(rest[rest.index(after: plus)...])))
        } catch {
            guard case let .invalidField(_, _, allowed) = error else { throw error }
            throw .invalidField(field: "schedule", value: text, allowed: allowed)
        }
    }

    /// Checks the parameters of an already-built schedule.
    public func validate() throws(CoreError) {
        _ = try WeightDecaySchedule(parsing: description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try WeightDecaySchedule(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A schedule string other than `warmup:…`, split at its colons into a name and parameters.
private struct ScheduleParts {
    /// The string as written, for errors.
    var text: String
    /// The schedule's name, e.g. `cosine`.
    var name: String
    /// The parameters after the name.
    var args: [String]

    init(text: String, trimmed: String) {
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        self.text = text
        name = parts[0]
        args = Array(parts.dropFirst())
    }

    /// The schedule these parts name, with its parameters checked.
    func schedule() throws(CoreError) -> WeightDecaySchedule {
        switch (name, args.count) {
        case ("constant", 0): return .constant
        case ("off-at", 1): return .offAt(step: try int(args[0], "the switch-off step T", min: 0))
        case ("off-at", _): throw bad("off-at needs the switch-off step: off-at:T")
        case ("linear", 0): return .linear(end: nil)
        case ("linear", 1): return .linear(end: try int(args[0], "the end step T", min: 1))
        case ("cosine", 0): return .cosine(end: nil)
        case ("cosine", 1): return .cosine(end: try int(args[0], "the end step T", min: 1))
        case ("step", 2): return try step()
        case ("step", _): throw bad("step needs milestones and a factor: step:M1,M2,...:GAMMA")
        case ("geometric", 1): return .geometric(gamma: try positive(args[0], "the factor GAMMA"), every: 1)
        case ("geometric", 2):
            return .geometric(gamma: try positive(args[0], "the factor GAMMA"), every: try int(args[1], "EVERY", min: 1))
        case ("geometric", _): throw bad("geometric needs a factor: geometric:GAMMA[:EVERY]")
        case ("harmonic", 0): return .harmonic(every: 1)
        case ("harmonic", 1): return .harmonic(every: try int(args[0], "EVERY", min: 1))
        case ("quadratic", 0): return .quadratic(every: 1)
        case ("quadratic", 1): return .quadratic(every: try int(args[0], "EVERY", min: 1))
        case ("pilot", 2), ("pilot", 3): return try pilot()
        case let (name, _) where WeightDecaySchedule.names.contains(name):
            throw bad("wrong number of parameters for \(name)")
        default:
            throw bad("unknown schedule '\(name)'")
        }
    }

    /// `step:M1,M2,…:GAMMA`; the milestones are sorted.
    private func step() throws(CoreError) -> WeightDecaySchedule {
        var milestones: [Int] = []
        for m in args[0].split(separator: ",") {
            milestones.append(try int(String(m), "milestones", min: 0))
        }
        if milestones.isEmpty { throw bad("step needs at least one milestone: step:M1,M2,...:GAMMA") }
        return .step(milestones: milestones.sorted(), gamma: try positive(args[1], "the factor GAMMA"))
    }

    /// `pilot:DELTA:BUDGET[:F]` with DELTA > 1, BUDGET > 0 or `auto`, F in (0, 1].
    private func pilot() throws(CoreError) -> WeightDecaySchedule {
        let delta = try positive(args[0], "the factor DELTA")
        if delta <= 1 { throw bad("pilot needs the factor DELTA as a number > 1") }
        let budget: PILoTBudget = args[1] == "auto" ? .target : .l1(try positive(args[1], "the L1 budget BUDGET (or auto)"))
        guard args.count == 3 else { return .pilot(delta: delta, budget: budget) }
        let switchOff = try positive(args[2], "the switch-off fraction F")
        if switchOff > 1 { throw bad("pilot needs the switch-off fraction F as a number in (0, 1]") }
        return .pilot(delta: delta, budget: budget, switchOff: switchOff)
    }

    /// `string` as an integer ≥ `min`; `what` names the parameter in the error.
    private func int(_ string: String, _ what: String, min: Int) throws(CoreError) -> Int {
        guard let v = Int(string), v >= min else { throw bad("\(name) needs \(what) as an integer ≥ \(min)") }
        return v
    }

    /// `string` as a finite number > 0; `what` names the parameter in the error.
    private func positive(_ string: String, _ what: String) throws(CoreError) -> Double {
        guard let v = Double(string), v > 0, v.isFinite else { throw bad("\(name) needs \(what) as a number > 0") }
        return v
    }

    /// The error for this string: `why`, then the allowed forms.
    private func bad(_ why: String) -> CoreError { WeightDecaySchedule.invalid(text, why) }
}

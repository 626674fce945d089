import Core
import Foundation
import Testing

/// `runTrial`'s progress observer for every problem kind that trains.
@Suite("Progress of every problem kind")
struct TrialTrainerProgressTests {
    /// One small trial of each problem kind, with curves on.
    static let configs: [TrialConfig] = {
        var sparse = regressionConfig(weightDecay: 0.05, steps: 300)
        sparse.curvePoints = 6
        var sensing = sensingConfig(
            .uv, dimension: 8, measurements: 60, initScale: 0.1, learningRate: 0.05, weightDecay: 0.001, steps: 200)
        sensing.curvePoints = 5
        var digits = digitsConfig(steps: 50, weightDecay: 1e-4)
        digits.curvePoints = 4
        digits.pruneSparsities = [0.5, 0.9]
        var teacher = TrialConfig()
        teacher.problem = .teacherStudent
        teacher.dimension = 12
        teacher.samples = 200
        teacher.testSamples = 100
        teacher.widths = [16, 8]
        teacher.parameterization = .direct
        teacher.depth = 1
        teacher.optimizer = .sgd
        teacher.batchSize = 20
        teacher.learningRate = 0.05
        teacher.steps = 40
        teacher.curvePoints = 3
        return [sparse, sensing, digits, teacher]
    }()

    /// `result` as JSON with sorted keys and `wall_seconds` zeroed, for byte comparisons.
    static func bytes(_ result: TrialResult) throws -> Data {
        var result = result
        result.wallSeconds = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(result)
    }

    @Test("progress reports every curve point, steps ascending, ending at the last step", arguments: configs)
    func reportsCurvePoints(config: TrialConfig) throws {
        var seen: [TrialProgress] = []
        let result = try runTrial(config, seed: 3) { seen.append($0) }
        #expect(result.status == .completed)
        #expect(seen.count >= 3)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.step < $1.step })
        #expect(seen.last?.step == config.steps)
        #expect(seen.allSatisfy { $0.totalSteps == config.steps })
        #expect(seen.map(\.step) == result.curves.map(\.step))
        #expect(seen.map(\.metrics) == result.curves.map(\.metrics))
    }

    @Test("results are the same bytes with and without a progress observer", arguments: configs)
    func observesOnly(config: TrialConfig) throws {
        var calls = 0
        let observed = try runTrial(config, seed: 3) { _ in calls += 1 }
        let plain = try runTrial(config, seed: 3)
        #expect(calls > 0)
        #expect(try Self.bytes(observed) == Self.bytes(plain))
    }
}

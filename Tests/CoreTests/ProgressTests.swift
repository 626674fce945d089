import Core
import Foundation
import Testing

@Suite("Progress hook")
struct ProgressTests {
    @Test("The hook sees every curve point, steps ascending, with the recorded metrics")
    func calledAtCurveSteps() throws {
        var config = regressionConfig(weightDecay: 0.05, steps: 500)
        config.curvePoints = 9
        var seen: [TrialProgress] = []
        let result = try runTrial(config, seed: 1) { seen.append($0) }
        #expect(seen.map(\.step) == curveSteps(points: 9, steps: 500))
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.step < $1.step })
        #expect(seen.allSatisfy { $0.totalSteps == 500 })
        #expect(seen.map(\.metrics) == result.curves.map(\.metrics))
    }

    @Test("Results are bit-identical with and without the hook")
    func observesOnly() throws {
        var config = regressionConfig(weightDecay: 0.05, schedule: .offAt(step: 200), steps: 600)
        config.curvePoints = 12
        config.testSamples = 30
        config.dataSeed = nil
        var calls = 0
        let with = try runTrial(config, seed: 4) { _ in calls += 1 }
        let without = try runTrial(config, seed: 4)
        #expect(calls == with.curves.count && calls > 0)
        #expect(bits(with.x) == bits(without.x))
        #expect(bits(with.metrics) == bits(without.metrics))
        #expect(with.curves == without.curves)
    }

    @Test("A diverging trial reports only the finite curve points before divergence")
    func stopsAtDivergence() throws {
        var config = regressionConfig(learningRate: 50, steps: 1000)
        config.curvePoints = 20
        var steps: [Int] = []
        let result = try runTrial(config, seed: 1) { steps.append($0.step) }
        let diverged = try #require(result.divergedAt)
        #expect(steps == result.curves.map(\.step))
        #expect(steps.allSatisfy { $0 < diverged })
    }

    @Test("An absent depth decodes to TrialConfig.defaultDepth: 1 for direct and str, 2 otherwise")
    func defaultDepth() throws {
        for kind in ParameterizationKind.allCases {
            let json = Data(#"{"parameterization": "\#(kind.rawValue)"}"#.utf8)
            let config = try JSONDecoder().decode(TrialConfig.self, from: json)
            #expect(config.depth == TrialConfig.defaultDepth(for: kind))
            #expect(config.depth == (kind == .direct || kind == .str ? 1 : 2))
        }
    }
}

import Core
import Testing

@Suite("Matrix sensing: same config and seed, same bits")
struct MatrixSensingDeterminismTests {
    /// The lora model and the commuting design, each trained twice per instruction set.
    static let configs: [TrialConfig] = {
        var lora = sensingConfig(.lora, dimension: 9, rank: 2, measurements: 40, initScale: 1, learningRate: 0.05,
                                 weightDecay: 0.1, schedule: .offAt(step: 100), steps: 300)
        lora.loraRank = 4
        lora.curvePoints = 5
        var commuting = sensingConfig(.uv, dimension: 9, rank: 2, measurements: 7, initScale: 1, learningRate: 0.05,
                                      weightDecay: 0.1, schedule: .offAt(step: 100), steps: 300)
        commuting.design = .commuting
        commuting.factorInit = .identity
        commuting.dataSeed = nil
        commuting.curvePoints = 5
        return [lora, commuting]
    }()

    @Test("identical x, metrics and curves on every run and instruction set", arguments: configs)
    func sameBits(config: TrialConfig) throws {
        let sets = [InstructionSet.portable, .native]
        var runs: [TrialResult] = []
        for set in sets {
            for _ in 0..<2 { runs.append(try runTrial(config, seed: 9, instructionSet: set)) }
        }
        let first = runs[0]
        #expect(first.status == .completed && !first.x.isEmpty)
        for run in runs.dropFirst() {
            #expect(run.x.map(\.bitPattern) == first.x.map(\.bitPattern))
            #expect(run.metrics.mapValues(\.bitPattern) == first.metrics.mapValues(\.bitPattern))
            #expect(run.curves == first.curves)
        }
        let otherSeed = try runTrial(config, seed: 10)
        #expect(otherSeed.x != first.x)
    }
}

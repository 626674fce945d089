import Foundation
@testable import SweepSpecs
import Testing


/// Grid expansion writes each point's canonical JSON from the fields its axes change; the ids must
/// be those of each trial's whole configuration.
@Suite("Grid identity")
struct GridIdentityTests {
    @Test("every expanded trial has the id and canonical JSON of its own configuration", arguments: [
        """
        base: {problem: sparse-regression, steps: 10}
        grid:
          parameterization: [direct, mask-weight, hadamard]
          data: [null, /tmp/data "x"]
          thresholds: [[0.001], [0.01, 0.1]]
        seeds: [0, 7, 9223372036854775807]
        """,
        """
        grid:
          problem: [sparse-regression, matrix-sensing]
          learning_rate: [0.01, 0.5]
        zip:
          - weight_decay: [0, 0.001]
            schedule: [constant, "off-at:40"]
        seeds: 2
        """,
        "base: {problem: noop}\nseeds: 3",
    ])
    func idsOfWholeConfigurations(_ yaml: String) throws {
        let trials = try SweepSpec.parse(yaml: yaml, file: "grid.yaml").expand()
        #expect(!trials.isEmpty)
        for trial in trials {
            #expect(trial.id == TrialIdentity.id(config: trial.config, seed: trial.seed), "\(TrialIdentity.canonicalJSON(of: trial.config))")
        }
    }

    @Test("every trial of the specs in sweeps/ has the id of its own configuration")
    func idsOfSweeps() throws {
        for (name, text) in try SpecCorpusTests.inputs(in: "sweeps") {
            let spec = try SweepSpec.parse(yaml: text, file: name)
            guard spec.trialCount <= SpecCorpusTests.maxExpandedTrials else { continue }
            for trial in try spec.expand() {
                #expect(trial.id == TrialIdentity.id(config: trial.config, seed: trial.seed), "\(name)")
            }
        }
    }
}

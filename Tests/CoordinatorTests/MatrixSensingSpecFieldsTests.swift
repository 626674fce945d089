import Core
import Foundation
@testable import SweepSpecs
import Testing

@Suite("Sweep spec fields of matrix sensing: lora_rank, design, factor_init")
struct MatrixSensingSpecFieldsTests {
    @Test("the fields parse as base fields and axes")
    func parse() throws {
        let spec = try SweepSpec.parse(yaml: """
            base: {problem: matrix-sensing, model: lora, design: commuting}
            grid:
              lora_rank: [1, 4]
            """, file: "lora.yaml")
        let trials = try spec.expand()
        #expect(trials.map(\.config.loraRank) == [1, 4])
        #expect(trials.allSatisfy { $0.config.model == .lora && $0.config.design == .commuting })
    }

    @Test("a bad lora_rank or factor_init is refused, naming the field and what is allowed")
    func errors() {
        for (yaml, needles) in [
            ("base: {problem: matrix-sensing, model: lora, lora_rank: 0}", ["lora_rank", "an integer from 1 to dimension (10)"]),
            ("base: {problem: matrix-sensing, model: lora, lora_rank: 2.5}", ["base.lora_rank"]),
            ("base: {problem: matrix-sensing, factor_init: eye}", ["base.factor_init", "identity"]),
            ("base: {problem: matrix-sensing, design: diagonal}", ["base.design", "commuting"]),
        ] {
            #expect { try SweepSpec.parse(yaml: yaml, file: "bad.yaml").expand() } throws: { error in
                needles.allSatisfy { "\(error)".contains($0) }
            }
        }
    }

    @Test("the new fields at their defaults keep every existing trial id")
    func identity() throws {
        let explicit = try SweepSpec.parse(
            yaml: "base: {problem: matrix-sensing, lora_rank: 2, design: gaussian, factor_init: gaussian}", file: "a.yaml").expand()[0]
        let omitted = try SweepSpec.parse(yaml: "base: {problem: matrix-sensing}", file: "b.yaml").expand()[0]
        #expect(explicit.id == omitted.id)
    }
}

import Core
import Testing

@Suite("Validation of lora_rank, design and factor_init")
struct MatrixSensingFieldValidationTests {
    @Test("lora_rank outside 1 … dimension is refused for model lora, naming what is allowed", arguments: [0, -1, 11])
    func badLoraRank(rank: Int) {
        var config = sensingConfig(.lora, initScale: 1, learningRate: 0.1, steps: 10)
        config.loraRank = rank
        #expect(throws: CoreError.invalidField(field: "lora_rank", value: "\(rank)", allowed: "an integer from 1 to dimension (10) for model lora")) {
            try config.validate()
        }
        config.model = .uv
        #expect(throws: Never.self) { try config.validate() }
    }

    @Test("factor_init identity is for uv only; design commuting only for generated data")
    func otherFields() {
        var config = sensingConfig(.uu, initScale: 1, learningRate: 0.1, steps: 10)
        config.factorInit = .identity
        #expect(throws: CoreError.invalidField(field: "factor_init", value: "identity", allowed: "gaussian for model uu (identity is for uv only)")) {
            try config.validate()
        }
        config.model = .uv
        #expect(throws: Never.self) { try config.validate() }
        config.design = .commuting
        config.data = "/tmp/some-data"
        #expect(throws: CoreError.invalidField(field: "design", value: "commuting", allowed: "gaussian when data is loaded (the design is of generated data)")) {
            try config.validate()
        }
    }

    @Test("a lora_rank larger than loaded data's dimension is refused by the trainer")
    func loadedDataDimension() {
        var config = sensingConfig(.lora, dimension: 4, rank: 1, measurements: 10, initScale: 1, learningRate: 0.1, steps: 10)
        let data = sensingData(config)
        config.data = "/tmp/loaded"
        config.loraRank = 5
        #expect(throws: CoreError.invalidField(field: "lora_rank", value: "5", allowed: "an integer from 1 to the data's dimension (4) for model lora")) {
            _ = try MatrixSensingTrainer(config: config, data: data, seed: 1)
        }
    }
}

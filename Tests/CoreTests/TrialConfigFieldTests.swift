import Foundation
import Testing
@testable import Core

struct TrialConfigFieldTests {
    /// `testSamples` → `test_samples`.
    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { out, c in out += c.isUppercase ? "_" + c.lowercased() : String(c) }
    }

    /// A configuration with every field away from its default (and valid for a digits trial's checks it does not reach).
    static var everyFieldSet: TrialConfig {
        var c = TrialConfig()
        c.problem = .digits; c.data = "/data/d"; c.samples = 7; c.dimension = 9; c.sparsity = 2; c.noise = 0.25
        c.testSamples = 3; c.dataSeed = UInt64.max; c.parameterization = .direct; c.depth = 1; c.initScale = 0.5; c.xInit = .gaussian(sigma: 0.5)
        c.regularizer = .compatible; c.weightDecay = 0.1; c.schedule = .offAt(step: 50); c.optimizer = .momentum
        c.learningRate = 0.01; c.momentum = 0.5; c.batchSize = 4; c.steps = 12; c.thresholds = [0.1, 0.01]; c.curvePoints = 5
        c.rank = 4; c.measurements = 30; c.model = .deep; c.widths = [32, 16]; c.pruneSparsities = [0.5]; c.l1Penalty = 1e-4
        c.loraRank = 3; c.design = .commuting; c.factorInit = .identity
        c.method = "gmp"; c.validationSamples = 100; c.targetSparsity = 0.9; c.gradualPruning = [0.1, 0.6]; c.finetuneSteps = 50
        c.strThresholdInit = -4
        return c
    }

    @Test("the table covers every stored property of TrialConfig, in declaration order")
    func tableCoversEveryProperty() {
        let properties = Mirror(reflecting: TrialConfig()).children.compactMap(\.label).map(Self.snakeCase)
        #expect(properties == TrialConfig.fieldNames)
        #expect(Set(TrialConfig.fields.map(\.flag)).count == TrialConfig.fields.count)
    }

    @Test("every field's getter reads, and its setter writes, its own property")
    func typedAccess() {
        let set = Self.everyFieldSet
        let defaults = Mirror(reflecting: TrialConfig()).children.map { "\($0.value)" }
        for (i, field) in TrialConfig.fields.enumerated() {
            var config = TrialConfig()
            field.set(field.value(in: set), in: &config)
            let changed = zip(Mirror(reflecting: config).children.map { "\($0.value)" }, defaults).enumerated().filter { $1.0 != $1.1 }.map(\.offset)
            #expect(changed == [i], "\(field.name)")
            #expect(field.value(in: config) != field.value(in: TrialConfig()), "\(field.name)")
        }
    }

    @Test("encode → decode round-trips every field, and JSON has one key per set field")
    func codableRoundTrip() throws {
        let config = Self.everyFieldSet
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(TrialConfig.self, from: data) == config)
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
        #expect(Set(keys) == Set(TrialConfig.fieldNames))
        #expect(try JSONDecoder().decode(TrialConfig.self, from: Data("{}".utf8)) == TrialConfig())
    }

    @Test("derived defaults follow the fields they depend on unless written")
    func derivedDefaults() throws {
        let direct = try JSONDecoder().decode(TrialConfig.self, from: Data(#"{"parameterization":"direct","problem":"matrix-sensing"}"#.utf8))
        #expect(direct.depth == 1 && direct.dimension == 10)
        let written = try JSONDecoder().decode(TrialConfig.self, from: Data(#"{"parameterization":"direct","depth":3,"dimension":7}"#.utf8))
        #expect(written.depth == 3 && written.dimension == 7)
        #expect(TrialConfig().depth == 2 && TrialConfig().dimension == 100)
        #expect(TrialConfig.defaultDepth(for: .direct) == 1 && TrialConfig.defaultDimension(for: .matrixSensing) == 10)
    }

    @Test("a default written explicitly decodes to the stored null; a single number is a list of one")
    func decodingNormalizes() throws {
        let c = try JSONDecoder().decode(TrialConfig.self, from: Data(#"{"widths":[64],"l1_penalty":0,"thresholds":0.5}"#.utf8))
        #expect(c.widths == nil && c.l1Penalty == nil && c.thresholds == [0.5])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TrialConfig.self, from: Data(#"{"optimizer":"adam"}"#.utf8)) }
    }

    @Test("a field added with .omittedAtDefault is left out of the identity while at its default")
    func omittedAtDefault() {
        let added = TrialConfigField("steps", \.steps, .integer, constraint: "", doc: "")
        var config = TrialConfig()
        #expect(added.identityValue(in: config) == nil)
        config.steps = 5
        #expect(added.identityValue(in: config) == .int(5))
        let existing = TrialConfig.field(named: "steps")!
        #expect(existing.identity == .always && existing.identityValue(in: TrialConfig()) == .int(10_000))
        #expect(TrialConfig.field(named: "widths")!.identityValue(in: TrialConfig()) == nil)
    }

    @Test("command-line text converts by kind and errors name the field and what is allowed")
    func parsing() throws {
        let widths = TrialConfig.field(named: "widths")!
        #expect(try widths.value(parsing: "64, 32") == .ints([64, 32]))
        #expect(try widths.value(parsing: "") == .ints([]))
        #expect(try widths.value(parsing: "null") == .null)
        #expect(try TrialConfig.field(named: "steps")!.value(parsing: "1e4") == .int(10_000))
        #expect(throws: CoreError.invalidField(field: "optimizer", value: "adam", allowed: "'gd', 'sgd', 'momentum'")) {
            try TrialConfig.field(named: "optimizer")!.value(parsing: "adam")
        }
        #expect(throws: CoreError.invalidField(field: "steps", value: "many", allowed: "an integer")) {
            try TrialConfig.field(named: "steps")!.value(parsing: "many")
        }
    }

    @Test("docs/SPEC.md's field table is the one the table generates (regenerate: mirrorsweep spec-fields)")
    func specTableIsCurrent() throws {
        let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/SPEC.md")
        let lines = try String(contentsOf: spec, encoding: .utf8).components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "| field | type | default | allowed | meaning |"))
        let end = lines[start...].firstIndex(of: "") ?? lines.endIndex
        let documented = lines[start..<end].joined(separator: "\n") + "\n"
        let expected = TrialConfigField.markdownTable
        #expect(documented == expected, "docs/SPEC.md's field table differs; replace it with:\n\(expected)")
    }
}

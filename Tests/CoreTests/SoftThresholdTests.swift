import Core
import Foundation
import Testing

@Suite("STR: soft threshold reparameterization of the MLP")
struct SoftThresholdTests {
    /// sign(w)·max(|w| − sigmoid(s), 0), computed with Foundation's `exp`.
    static func softThreshold(_ w: Double, _ s: Double) -> Double {
        let tau = 1 / (1 + exp(-s))
        return w.sign == .minus ? -max(-w - tau, 0) : max(w - tau, 0)
    }

    /// A 5 → 4 → 3 → 3 str network (s₀ = −2, τ ≈ 0.12) with perturbed parameters, on 6 random rows.
    static func problem() -> (MLP, [Double], [Int]) {
        var rng = Xoshiro256StarStar(seed: 11)
        let network = MLP(layerSizes: [5, 4, 3, 3], parameterization: .str, initScale: 1, generator: &rng, thresholdInit: -2)
        var parameters = network.parameters
        for i in parameters.indices { parameters[i] += 0.1 * rng.nextNormal() }
        network.parameters = parameters
        let inputs = (0..<30).map { _ in rng.nextNormal() }
        let labels = (0..<6).map { _ in rng.nextInt(below: 3) }
        return (network, inputs, labels)
    }

    /// The layer of each weight of `network`.
    static func layerOfWeight(_ network: MLP) -> [Int] {
        (0..<(network.layerSizes.count - 1)).flatMap { l in
            [Int](repeating: l, count: network.layerSizes[l] * network.layerSizes[l + 1])
        }
    }

    @Test("w starts at direct's He-normal draws, every s_l at str_threshold_init; x is soft-thresholded w")
    func initialization() {
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5)
        let direct = MLP(layerSizes: [8, 6, 2], parameterization: .direct, initScale: 1, generator: &a)
        let str = MLP(layerSizes: [8, 6, 2], parameterization: .str, initScale: 1, generator: &b, thresholdInit: -3)
        let n = str.weightCount
        #expect(str.factorCount == 1)
        #expect(str.parameters.count == n + str.biasCount + 2)
        #expect(Array(str.parameters[0..<n]) == direct.effectiveWeights)
        #expect(str.softThresholds == [-3, -3])
        let expected = direct.effectiveWeights.map { Self.softThreshold($0, -3) }
        #expect(zip(str.effectiveWeights, expected).allSatisfy { abs($0 - $1) <= 1e-15 })
        #expect(str.effectiveWeights.contains(0) && str.effectiveWeights.contains { $0 != 0 })
        #expect(a.next() == b.next(), "str draws exactly as many numbers as direct")
    }

    @Test("after setting parameters, x matches an independent computation from w and s")
    func forwardMatchesIndependentComputation() {
        let (network, inputs, labels) = Self.problem()
        let p = network.parameters, n = network.weightCount
        let s = Array(p[(n + network.biasCount)...])
        #expect(network.softThresholds == s)
        let layer = Self.layerOfWeight(network)
        for i in 0..<n {
            #expect(abs(network.effectiveWeights[i] - Self.softThreshold(p[i], s[layer[i]])) <= 1e-15)
        }
        // The loss is the one of a direct network whose w is that x.
        var rng = Xoshiro256StarStar(seed: 1)
        let direct = MLP(layerSizes: network.layerSizes, parameterization: .direct, initScale: 1, generator: &rng)
        direct.parameters = network.effectiveWeights + Array(p[n..<(n + network.biasCount)])
        #expect(direct.lossAndGradient(inputs: inputs, labels: labels).loss == network.lossAndGradient(inputs: inputs, labels: labels).loss)
    }

    @Test("the gradient in w, biases and s matches central finite differences away from the kink")
    func centralDifferences() throws {
        let (network, inputs, labels) = Self.problem()
        let base = network.parameters, n = network.weightCount
        let s = network.softThresholds
        let layer = Self.layerOfWeight(network)
        let kinkDistance = (0..<n).map { abs(abs(base[$0]) - 1 / (1 + exp(-s[layer[$0]]))) }.min()!
        try #require(kinkDistance > 1e-4)
        let zeros = network.effectiveWeights.filter { $0 == 0 }.count
        try #require(zeros > 0 && zeros < n, "some weights below the threshold, some above")
        let (_, gradient) = network.lossAndGradient(inputs: inputs, labels: labels)
        #expect(gradient.count == base.count && base.count == n + network.biasCount + 3)
        #expect(s.indices.allSatisfy { gradient[n + network.biasCount + $0] != 0 })
        let h = 1e-6
        var worst = 0.0
        for i in base.indices {
            var p = base
            p[i] = base[i] + h
            network.parameters = p
            let up = network.lossAndGradient(inputs: inputs, labels: labels).loss
            p[i] = base[i] - h
            network.parameters = p
            let down = network.lossAndGradient(inputs: inputs, labels: labels).loss
            let numeric = (up - down) / (2 * h)
            worst = max(worst, abs(numeric - gradient[i]) / max(1e-3, abs(numeric) + abs(gradient[i])))
        }
        #expect(worst < 1e-6)
    }

    @Test("weight decay pulls every s_l toward 0, and the sparsity grows with λ")
    func weightDecayRaisesThresholds() throws {
        var sparsities: [Double] = []
        for lambda in [0.0, 0.005, 0.02] {
            let trainer = try MLPTrainer(config: digitsConfig(.str, steps: 3 * 23, weightDecay: lambda), data: try repositoryDigits.get(), seed: 4)
            trainer.advance(to: trainer.config.steps)
            let s = trainer.network.softThresholds
            #expect(s.count == 2)
            if lambda > 0 {
                #expect(s.allSatisfy { $0 > TrialConfig.defaultSTRThresholdInit && $0 < 0 }, "λ = \(lambda): \(s)")
            }
            let result = trainer.result(wallSeconds: 0)
            #expect(try #require(result.metrics["accuracy"]) > 0.8)
            sparsities.append(try #require(result.metrics["sparsity"]))
        }
        #expect(sparsities[0] < sparsities[1] && sparsities[1] < sparsities[2], "\(sparsities)")
        #expect(sparsities[2] > 0.2)
    }

    @Test("str is for MLP classifiers only; depth 1; str_threshold_init finite", arguments: [
        (#"{"problem": "sparse-regression", "parameterization": "str"}"#, "parameterization"),
        (#"{"problem": "matrix-sensing", "parameterization": "str"}"#, "parameterization"),
        (#"{"problem": "noop", "parameterization": "str"}"#, "parameterization"),
        (#"{"problem": "digits", "parameterization": "str", "depth": 2}"#, "depth"),
    ])
    func validation(json: String, field: String) throws {
        let config = try JSONDecoder().decode(TrialConfig.self, from: Data(json.utf8))
        #expect {
            try config.validate()
        } throws: { error in
            guard case let .invalidField(name, _, _) = error as? CoreError else { return false }
            return name == field
        }
    }

    @Test("str_threshold_init: nil means the default, which is stored as nil; a non-finite value is refused")
    func thresholdInitField() throws {
        let json = #"{"problem": "digits", "parameterization": "str", "str_threshold_init": -4}"#
        var config = try JSONDecoder().decode(TrialConfig.self, from: Data(json.utf8))
        #expect(config.depth == 1 && config.strThresholdInit == -4 && config.softThresholdInit == -4)
        try config.validate()
        #expect(try JSONDecoder().decode(TrialConfig.self, from: try JSONEncoder().encode(config)) == config)
        config.strThresholdInit = TrialConfig.defaultSTRThresholdInit
        #expect(config.strThresholdInit == nil && config.softThresholdInit == TrialConfig.defaultSTRThresholdInit)
        config.strThresholdInit = -.infinity
        #expect {
            try config.validate()
        } throws: { error in
            guard case let .invalidField(name, _, _) = error as? CoreError else { return false }
            return name == "str_threshold_init"
        }
    }

    @Test("the same bits on every instruction set, with momentum, weight decay and the L1 penalty")
    func sameBitsOnEveryInstructionSet() throws {
        var config = digitsConfig(.str, steps: 30, weightDecay: 0.01)
        config.l1Penalty = 1e-4
        config.strThresholdInit = -4
        var runs: [(parameters: [UInt64], metrics: [String: UInt64])] = []
        for set in InstructionSet.allCases where set.isSupported {
            let trainer = try MLPTrainer(config: config, data: try repositoryDigits.get(), seed: 6, instructionSet: set)
            trainer.advance(to: config.steps)
            runs.append((trainer.network.parameters.map(\.bitPattern), trainer.metrics().mapValues(\.bitPattern)))
        }
        let first = try #require(runs.first)
        #expect(first.metrics["sparsity"].map(Double.init(bitPattern:)) ?? 0 > 0)
        for run in runs.dropFirst() {
            #expect(run.parameters == first.parameters)
            #expect(run.metrics == first.metrics)
        }
    }
}

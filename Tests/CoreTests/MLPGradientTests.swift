import Core
import Foundation
import Testing

@Suite("MLP gradient")
struct MLPGradientTests {
    /// A 5 → 4 → 3 → 3 network on 6 random rows, away from ReLU kinks with overwhelming probability.
    static func problem(_ kind: ParameterizationKind, initScale: Double) -> (MLP, [Double], [Int]) {
        var rng = Xoshiro256StarStar(seed: 11)
        let network = MLP(layerSizes: [5, 4, 3, 3], parameterization: kind, initScale: initScale, generator: &rng)
        var parameters = network.parameters
        for i in parameters.indices { parameters[i] += 0.1 * rng.nextNormal() }
        network.parameters = parameters
        let inputs = (0..<30).map { _ in rng.nextNormal() }
        let labels = (0..<6).map { _ in rng.nextInt(below: 3) }
        return (network, inputs, labels)
    }

    @Test("gradient matches central finite differences", arguments: [
        (ParameterizationKind.direct, 1.0), (.maskWeight, 1.0), (.maskWeight, 0.0),
    ])
    func centralDifferences(kind: ParameterizationKind, initScale: Double) {
        let (network, inputs, labels) = Self.problem(kind, initScale: initScale)
        let base = network.parameters
        let (_, gradient) = network.lossAndGradient(inputs: inputs, labels: labels)
        let expectedCount = network.factorCount * network.weightCount + network.biasCount
        #expect(gradient.count == expectedCount && base.count == expectedCount)
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

    @Test("the loss is the mean cross-entropy: uniform logits give log(classes)")
    func uniformLogits() {
        var rng = Xoshiro256StarStar(seed: 3)
        let network = MLP(layerSizes: [4, 3], parameterization: .direct, initScale: 1, generator: &rng)
        network.parameters = [Double](repeating: 0, count: network.parameters.count)
        let result = network.lossAndGradient(inputs: [1, 2, 3, 4, 5, 6, 7, 8], labels: [0, 2])
        #expect(abs(result.loss - log(3.0)) < 1e-15)
        #expect(network.evaluate(inputs: [1, 2, 3, 4], labels: [0]).accuracy == 1)
    }

    @Test("mask-weight starts from the PILoT initialization of He-normal weights")
    func pilotStart() {
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5)
        let direct = MLP(layerSizes: [8, 6, 2], parameterization: .direct, initScale: 1, generator: &a)
        let masked = MLP(layerSizes: [8, 6, 2], parameterization: .maskWeight, initScale: 2, generator: &b)
        let n = masked.weightCount
        let p = masked.parameters
        for i in 0..<n {
            let (m, w) = pilotInitialization(x: direct.effectiveWeights[i], scale: 2)
            #expect(p[i] == m && p[n + i] == w)
            #expect(abs(p[i] * p[i] - p[n + i] * p[n + i] - 2) < 1e-12)
        }
        #expect(p[(2 * n)...].allSatisfy { $0 == 0 })
        let firstLayer = direct.effectiveWeights[0..<48]
        let variance = firstLayer.reduce(0) { $0 + $1 * $1 } / 48
        #expect(variance > 0.05 && variance < 0.6, "He-normal variance 2/8 = 0.25")
    }
}

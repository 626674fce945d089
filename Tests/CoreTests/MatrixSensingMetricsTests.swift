import Core
import Foundation
import Testing

@Suite("Matrix metrics")
struct MatrixSensingMetricsTests {
    @Test("singular values of [[3, 0], [4, 5]] are 3√5 and √5 (XᵀX = [[25, 20], [20, 25]])")
    func handComputedTwoByTwo() {
        let sigma = MatrixMetrics.singularValues([3, 0, 4, 5], dimension: 2)
        #expect(sigma.count == 2)
        #expect(abs(sigma[0] - 3 * 5.0.squareRoot()) < 1e-12)
        #expect(abs(sigma[1] - 5.0.squareRoot()) < 1e-12)
        #expect(abs(MatrixMetrics.nuclearNorm(singularValues: sigma) - 4 * 5.0.squareRoot()) < 1e-12)
    }

    @Test("a rank-1 matrix has effective rank 1 and nuclear norm ‖u‖‖v‖")
    func rankOne() {
        let u = [1.0, -2, 0.5, 3], v = [0.25, 4, -1, 2]
        let x = u.flatMap { a in v.map { a * $0 } }
        let sigma = MatrixMetrics.singularValues(x, dimension: 4)
        #expect(abs(MatrixMetrics.nuclearNorm(singularValues: sigma) - frobenius(u) * frobenius(v)) < 1e-12)
        #expect(abs(MatrixMetrics.effectiveRank(singularValues: sigma) - 1) < 1e-9)
    }

    @Test("the nuclear norm is the sum of the singular values; equal values give effective rank k")
    func nuclearNormAndEqualValues() {
        let diagonal: [Double] = [2, 0, 0, 0, -2, 0, 0, 0, 0]
        let sigma = MatrixMetrics.singularValues(diagonal, dimension: 3)
        #expect(sigma == [2, 2, 0])
        #expect(MatrixMetrics.nuclearNorm(singularValues: sigma) == 4)
        #expect(abs(MatrixMetrics.effectiveRank(singularValues: sigma) - 2) < 1e-12)
        #expect(MatrixMetrics.effectiveRank(singularValues: [0, 0]) == 0)
        #expect(abs(MatrixMetrics.effectiveRank(singularValues: [3, 1]) - exp(-(0.75 * log(0.75) + 0.25 * log(0.25)))) < 1e-12)
    }

    @Test("a matrix holding NaN has NaN singular values instead of a LAPACK error")
    func nonFinite() {
        let sigma = MatrixMetrics.singularValues([1, .nan, 0, 1], dimension: 2)
        #expect(sigma.count == 2 && sigma.allSatisfy(\.isNaN))
    }

    @Test("trainer metrics: sigma_k, nuclear norm and effective rank agree with X's singular values")
    func trainerMetrics() throws {
        let config = sensingConfig(.uv, dimension: 12, initScale: 1, learningRate: 0.05, steps: 3)
        let trainer = try MatrixSensingTrainer(config: config, data: sensingData(config), seed: 2)
        trainer.advance(to: 3)
        let metrics = trainer.metrics()
        let sigma = MatrixMetrics.singularValues(trainer.x, dimension: 12)
        #expect((1...10).map { metrics["sigma_\($0)"] } == sigma.prefix(10).map { $0 })
        #expect(metrics["sigma_11"] == nil)
        #expect(abs(metrics["nuclear_norm"]! - sigma.reduce(0, +)) < 1e-12)
        #expect(metrics["effective_rank"]! > 1 && metrics["effective_rank"]! <= 12)
        let truth = sensingData(config).truth!
        #expect(abs(metrics["relative_error"]! - frobenius(difference(trainer.x, truth)) / frobenius(truth)) < 1e-12)
        let u = trainer.factor(0), v = trainer.factor(1)
        let balance = difference(plainProduct(u, u, dimension: 12, transposeFirst: true), plainProduct(v, v, dimension: 12, transposeFirst: true))
        #expect(abs(metrics["balance_error"]! - frobenius(balance)) < 1e-10)
        #expect(metrics["steps"] == 3)
    }
}

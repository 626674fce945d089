@testable import Core
import Testing

@Suite("SparseRegressionTrainer kernels")
struct SparseRegressionTrainerKernelTests {
    /// Z, −y and x of an n × d problem with entries drawn from `seed`.
    static func problem(rows n: Int, columns d: Int, seed: UInt64) -> (design: [Double], negatedLabels: [Double], x: [Double]) {
        var rng = Xoshiro256StarStar(seed: seed)
        func draw(_ count: Int) -> [Double] { (0..<count).map { _ in rng.nextUniform() - 0.5 } }
        return (draw(n * d), draw(n), draw(d))
    }

    /// Shapes on both sides of the kernel's two-pass limit (n·d ≤ 16384), with and without column tails.
    @Test("Every instruction set gives the same gradient, residual and loss bits", arguments: [
        (1, 1), (3, 9), (7, 13), (8, 8), (9, 100), (40, 100), (41, 101), (17, 129), (5, 300), (71, 300), (9, 2003),
    ])
    func sameBitsOnEveryInstructionSet(shape: (rows: Int, columns: Int)) {
        let (n, d) = shape
        let (z, negY, x) = Self.problem(rows: n, columns: d, seed: UInt64(n * 1000 + d))
        var outputs: [(loss: Double, residual: [Double], gradient: [Double])] = []
        for kernels in LeastSquaresGradient.supported {
            var r = [Double](repeating: 0, count: n), g = [Double](repeating: .nan, count: d)
            let loss = kernels.evaluate(design: z, stride: d, negatedLabels: negY, rows: n, columns: d, x: x, residual: &r, gradient: &g)
            outputs.append((loss, r, g))
        }
        #expect(outputs.count >= 1)
        for o in outputs.dropFirst() {
            #expect(o.loss.bitPattern == outputs[0].loss.bitPattern)
            #expect(bits(o.residual) == bits(outputs[0].residual))
            #expect(bits(o.gradient) == bits(outputs[0].gradient))
        }
    }

    @Test("The kernel agrees with the textbook formula to rounding")
    func matchesFormula() {
        let n = 9, d = 21
        let (z, negY, x) = Self.problem(rows: n, columns: d, seed: 3)
        var r = [Double](repeating: 0, count: n), g = [Double](repeating: 0, count: d)
        let loss = LeastSquaresGradient.native.evaluate(
            design: z, stride: d, negatedLabels: negY, rows: n, columns: d, x: x, residual: &r, gradient: &g)
        let residual = (0..<n).map { i in (0..<d).reduce(negY[i]) { $0 + z[i * d + $1] * x[$1] } }
        let gradient = (0..<d).map { j in (0..<n).reduce(0.0) { $0 + residual[$1] * z[$1 * d + j] } / Double(n) }
        #expect(zip(r, residual).allSatisfy { abs($0 - $1) <= 1e-14 })
        #expect(zip(g, gradient).allSatisfy { abs($0 - $1) <= 1e-14 })
        #expect(abs(loss - residual.reduce(0) { $0 + $1 * $1 } / Double(2 * n)) <= 1e-14)
    }

    @Test("Rows `stride` apart give the bits of contiguous rows")
    func strideIgnoresPadding() {
        let n = 6, d = 11, stride = 16
        let (z, negY, x) = Self.problem(rows: n, columns: d, seed: 9)
        var padded = [Double](repeating: .nan, count: n * stride)
        for i in 0..<n { for j in 0..<d { padded[i * stride + j] = z[i * d + j] } }
        var r1 = [Double](repeating: 0, count: n), g1 = [Double](repeating: 0, count: d)
        var r2 = r1, g2 = g1
        let kernels = LeastSquaresGradient.native
        _ = kernels.evaluate(design: z, stride: d, negatedLabels: negY, rows: n, columns: d, x: x, residual: &r1, gradient: &g1)
        _ = kernels.evaluate(design: padded, stride: stride, negatedLabels: negY, rows: n, columns: d, x: x, residual: &r2, gradient: &g2)
        #expect(bits(r1) == bits(r2))
        #expect(bits(g1) == bits(g2))
    }

    @Test("Training gives the same bits on every instruction set", arguments: [
        ParameterizationKind.maskWeight, .hadamard, .direct, .diffOfPowers,
    ])
    func trainingSameBits(kind: ParameterizationKind) throws {
        var config = regressionConfig(kind, depth: TrialConfig.defaultDepth(for: kind), learningRate: 0.01, weightDecay: 0.01, steps: 300)
        config.curvePoints = 5
        var results: [[UInt64]] = []
        for kernels in LeastSquaresGradient.supported {
            let trainer = try SparseRegressionTrainer(
                config: config, data: regressionData(), seed: 1, recordsGradientIntegral: false, kernels: kernels)
            trainer.advance(to: 300)
            results.append(bits(trainer.x))
        }
        #expect(results.allSatisfy { $0 == results[0] })
    }
}

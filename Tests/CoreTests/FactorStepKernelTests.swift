@testable import Core
import Testing

/// The fused factor steps of CKernels (``FactorStep``) against the Swift loops they replaced, bit
/// for bit, on every instruction set.
@Suite("Factor step kernels")
struct FactorStepKernelTests {
    /// The Swift factor step the kernels replaced, operation for operation: one coordinate at a
    /// time, the gradient of each factor from prefix and suffix products, then the weight decay
    /// and the (heavy-ball) move.
    struct ReferenceStep {
        let parameterization: Parameterization
        let learningRate: Double
        let weightDecay: Double
        let momentum: Double

        func apply(factors f: inout [Double], gradient g: [Double], x: inout [Double], velocity: inout [Double]?) {
            let d = g.count, depth = parameterization.depth
            switch parameterization.kind {
            case .direct:
                for i in 0..<d {
                    move(&f, i, g[i] + decay(f[i]), &velocity)
                    x[i] = f[i]
                }
            case .maskWeight, .hadamard where depth == 2:
                for i in 0..<d {
                    let pi = f[i], qi = f[d + i]
                    move(&f, i, g[i] * qi + decay(pi), &velocity)
                    move(&f, d + i, g[i] * pi + decay(qi), &velocity)
                    x[i] = f[i] * f[d + i]
                }
            case .hadamard:
                var suffix = [Double](repeating: 0, count: depth)
                for i in 0..<d {
                    var s = 1.0
                    for j in stride(from: depth - 1, through: 0, by: -1) {
                        suffix[j] = s
                        s *= f[j * d + i]
                    }
                    var prefix = 1.0
                    var p = 1.0
                    for j in 0..<depth {
                        let k = j * d + i
                        let old = f[k]
                        move(&f, k, g[i] * prefix * suffix[j] + decay(old), &velocity)
                        prefix *= old
                        p = j == 0 ? f[k] : p * f[k]
                    }
                    x[i] = p
                }
            case .diffOfPowers:
                let scale = Double(depth)
                for i in 0..<d {
                    let u = f[i], v = f[d + i]
                    move(&f, i, g[i] * scale * power(u, depth - 1) + decay(u), &velocity)
                    move(&f, d + i, -g[i] * scale * power(v, depth - 1) + decay(v), &velocity)
                    x[i] = power(f[i], depth) - power(f[d + i], depth)
                }
            case .str:
                preconditionFailure("str is an MLP parameterization")
            }
        }

        func decay(_ theta: Double) -> Double {
            switch parameterization.regularizer {
            case .l2:
                return weightDecay * theta
            case .compatible:
                let depth = parameterization.depth
                let c = weightDecay * Double(depth) * 0.5
                if depth == 1 { return theta > 0 ? c : (theta < 0 ? -c : 0) }
                return c * Double(signOf: theta, magnitudeOf: power(theta.magnitude, depth - 1))
            }
        }

        func move(_ f: inout [Double], _ k: Int, _ grad: Double, _ velocity: inout [Double]?) {
            if velocity != nil {
                let v = momentum * velocity![k] + grad
                velocity![k] = v
                f[k] -= learningRate * v
            } else {
                f[k] -= learningRate * grad
            }
        }
    }

    /// Every parameterization at the depths the sweeps use and beyond.
    static let shapes: [(ParameterizationKind, Int)] = [
        (.direct, 1), (.maskWeight, 2), (.hadamard, 2), (.hadamard, 3), (.hadamard, 4), (.hadamard, 7),
        (.diffOfPowers, 2), (.diffOfPowers, 3), (.diffOfPowers, 4), (.diffOfPowers, 6),
    ]

    @Test("The fused step gives the replaced Swift step's bits on every instruction set", arguments: shapes, [false, true])
    func matchesReference(shape: (kind: ParameterizationKind, depth: Int), momentum: Bool) {
        // Dimensions below, at and around the kernels' block of 8 coordinates, and the paper's 100.
        for d in [1, 5, 8, 13, 100] {
            for regularizer in RegularizerKind.allCases {
                let parameterization = Parameterization(kind: shape.kind, depth: shape.depth, regularizer: regularizer)
                var rng = Xoshiro256StarStar(seed: UInt64(d * 1000 + shape.depth * 10 + (momentum ? 1 : 0)))
                let count = parameterization.factorCount * d
                // Entries in (−1.5, 1.5), every seventh exactly 0 (the sign cases of the compatible term).
                let start = (0..<count).map { k in k % 7 == 3 ? 0 : 3 * rng.nextUniform() - 1.5 }
                let gradients = (0..<3).map { _ in (0..<d).map { _ in rng.nextUniform() - 0.5 } }
                let startVelocity = momentum ? (0..<count).map { _ in 0.1 * rng.nextUniform() - 0.05 } : nil

                let reference = ReferenceStep(parameterization: parameterization, learningRate: 0.07, weightDecay: 0.3, momentum: 0.9)
                var expected = start, expectedX = [Double](repeating: .nan, count: d), expectedVelocity = startVelocity
                for g in gradients {
                    reference.apply(factors: &expected, gradient: g, x: &expectedX, velocity: &expectedVelocity)
                }
                for kernels in LeastSquaresGradient.supported {
                    var factors = start, x = [Double](repeating: .nan, count: d), velocity = startVelocity ?? []
                    var scratch = [Double](repeating: .nan, count: FactorStep.scratchCount(parameterization))
                    for g in gradients {
                        factors.withUnsafeMutableBufferPointer { f in
                            scratch.withUnsafeMutableBufferPointer { s in
                                velocity.withUnsafeMutableBufferPointer { v in
                                    FactorStep(
                                        parameterization: parameterization, kernels: kernels, dimension: d, learningRate: 0.07,
                                        weightDecay: 0.3, momentum: 0.9, velocity: momentum ? v.baseAddress! : nil
                                    ).apply(factors: f.baseAddress!, gradient: g, x: &x, scratch: s.baseAddress!)
                                }
                            }
                        }
                    }
                    let label = "\(shape.kind) L = \(shape.depth) d = \(d) \(regularizer) momentum \(momentum) \(kernels.isa)"
                    #expect(bits(factors) == bits(expected), "\(label)")
                    #expect(bits(x) == bits(expectedX), "\(label)")
                    #expect(bits(velocity) == bits(expectedVelocity ?? []), "\(label)")
                }
            }
        }
    }

    @Test("A trainer's trajectory is the one the replaced Swift step gives", arguments: shapes)
    func trainerTrajectory(shape: (kind: ParameterizationKind, depth: Int)) throws {
        for optimizer in [OptimizerKind.gd, .momentum] {
            var config = regressionConfig(shape.kind, depth: shape.depth, learningRate: 0.01, weightDecay: 0.02, steps: 200)
            config.optimizer = optimizer
            config.regularizer = shape.depth == 4 ? .compatible : .l2
            let data = regressionData()
            let trainer = try SparseRegressionTrainer(config: config, data: data, seed: 1)
            trainer.advance(to: config.steps)
            #expect(trainer.status == .completed)

            // The same steps with the reference update: g from the least-squares kernel, λ_t constant.
            let parameterization = Parameterization(kind: shape.kind, depth: shape.depth, regularizer: config.regularizer)
            let reference = ReferenceStep(
                parameterization: parameterization, learningRate: config.learningRate, weightDecay: config.weightDecay,
                momentum: config.momentum)
            let n = data.samples, d = data.dimension
            var factors = [Double](repeating: 0, count: parameterization.factorCount * d)
            factors.withUnsafeMutableBufferPointer { parameterization.initialize($0, dimension: d, scale: config.initScale) }
            var x = [Double](repeating: 0, count: d)
            factors.withUnsafeBufferPointer { f in
                x.withUnsafeMutableBufferPointer { parameterization.predictor(f, dimension: d, into: $0) }
            }
            var velocity: [Double]? = optimizer == .momentum ? [Double](repeating: 0, count: factors.count) : nil
            let negatedLabels = data.labels.map { -$0 }
            var residual = [Double](repeating: 0, count: n), g = [Double](repeating: 0, count: d)
            for _ in 0..<config.steps {
                _ = LeastSquaresGradient.native.evaluate(
                    design: data.design, stride: d, negatedLabels: negatedLabels, rows: n, columns: d, x: x, residual: &residual,
                    gradient: &g)
                reference.apply(factors: &factors, gradient: g, x: &x, velocity: &velocity)
            }
            #expect(bits(trainer.x) == bits(x), "\(shape) \(optimizer)")
            for j in 0..<parameterization.factorCount {
                #expect(bits(trainer.factor(j)) == bits(Array(factors[(j * d)..<((j + 1) * d)])), "\(shape) \(optimizer) factor \(j)")
            }
        }
    }
}

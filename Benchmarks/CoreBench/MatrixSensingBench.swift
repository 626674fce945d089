import BenchmarkSupport
import CLinearAlgebra
import Core

/// Steps per second of matrix-sensing gradient descent at d = 30, r = 3, m = 600 (the JAX and
/// NumPy reference size), for the uu, uv and deep (L = 3) models, beside the steps per second of
/// the two `cblas_dgemv` calls over the packed m × d(d + 1)/2 design that every step needs.
/// Prints a Markdown table.
enum MatrixSensingBench {
    static let dimension = 30, rank = 3, measurements = 600, steps = 20_000, repetitions = 5

    static func run() throws {
        let data = MatrixSensingData.generate(dimension: dimension, rank: rank, measurements: measurements, noise: 0, seed: 7)
        var gemv: [Double] = []
        for _ in 0..<repetitions { gemv.append(dgemvRate(data)) }
        let bound = median(gemv)
        print("")
        print("| matrix sensing model | d | r | m | trainer steps/s | two dgemv steps/s | trainer / dgemv |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for (model, depth) in [(MatrixModelKind.uu, 2), (.uv, 2), (.deep, 3)] {
            var rates: [Double] = []
            for _ in 0..<repetitions { rates.append(try rate(model: model, depth: depth, data: data)) }
            let t = median(rates)
            let label = model == .deep ? "deep (L = \(depth))" : model.rawValue
            print("| \(label) | \(dimension) | \(rank) | \(measurements) | \(Int(t.rounded())) | \(Int(bound.rounded())) | \(Double(Int(t / bound * 100)) / 100) |")
        }
    }

    /// Steps per second of one run of the trainer.
    static func rate(model: MatrixModelKind, depth: Int, data: MatrixSensingData) throws -> Double {
        var config = TrialConfig()
        config.problem = .matrixSensing
        config.model = model
        config.depth = depth
        config.dimension = dimension
        config.initScale = 1e-2
        config.learningRate = 0.05
        config.weightDecay = 1e-4
        config.steps = steps
        config.curvePoints = 0
        let trainer = try MatrixSensingTrainer(config: config, data: data, seed: 1)
        let start = ContinuousClock.now
        trainer.advance(to: steps)
        let elapsed = ContinuousClock.now - start
        precondition(trainer.status == .completed, "benchmark run diverged")
        return Double(steps) / seconds(elapsed)
    }

    /// Steps per second of r = A_p v − y and g = A_pᵀ r / m alone, A_p the upper-triangle columns of A.
    static func dgemvRate(_ data: MatrixSensingData) -> Double {
        let d = dimension, m = measurements, p = d * (d + 1) / 2
        var packed: [Double] = []
        packed.reserveCapacity(m * p)
        for i in 0..<m {
            for j in 0..<d {
                for k in j..<d { packed.append(data.sensing[i * d * d + j * d + k]) }
            }
        }
        var v = [Double](repeating: 0.01, count: p)
        var r = [Double](repeating: 0, count: m)
        var g = [Double](repeating: 0, count: p)
        let start = ContinuousClock.now
        for _ in 0..<steps {
            cblas_dgemv(CblasRowMajor, CblasNoTrans, blasint(m), blasint(p), 1, packed, blasint(p), &v, 1, -1, &r, 1)
            cblas_dgemv(CblasRowMajor, CblasTrans, blasint(m), blasint(p), 1 / Double(m), packed, blasint(p), &r, 1, 0, &g, 1)
        }
        return Double(steps) / seconds(ContinuousClock.now - start)
    }

    static func seconds(_ duration: Duration) -> Double {
        let c = duration.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }
}

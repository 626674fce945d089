import Core
import Testing

/// ‖A B − B A‖_F for d × d row-major matrices.
private func commutatorNorm(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>, dimension d: Int) -> Double {
    let a = Array(a), b = Array(b)
    var total = 0.0
    for i in 0..<d {
        for j in 0..<d {
            var s = 0.0
            for k in 0..<d { s += a[i * d + k] * b[k * d + j] - b[i * d + k] * a[k * d + j] }
            total += s * s
        }
    }
    return total.squareRoot()
}

/// Qᵀ X Q for d × d row-major matrices.
private func inBasis(_ x: [Double], _ q: [Double], dimension d: Int) -> [Double] {
    var c = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
        for j in 0..<d {
            var s = 0.0
            for k in 0..<d {
                for l in 0..<d { s += q[k * d + i] * x[k * d + l] * q[l * d + j] }
            }
            c[i * d + j] = s
        }
    }
    return c
}

@Suite("Commuting matrix-sensing design")
struct CommutingDesignTests {
    let d = 8, m = 6, rank = 2, seed: UInt64 = 3

    @Test("the A_i commute with each other and with X*, are Q diag(Z_i) Qᵀ, and y_i = ⟨A_i, X*⟩")
    func commutes() {
        let data = MatrixSensingData.generateCommuting(dimension: d, rank: rank, measurements: m, noise: 0, seed: seed)
        let sparse = RegressionData.generate(samples: m, dimension: d, sparsity: rank, noise: 0, testSamples: 0, seed: seed)
        let size = d * d, truth = data.truth!
        #expect(data.isSymmetric)
        for i in 0..<m {
            let a = data.sensing[(i * size)..<((i + 1) * size)]
            #expect(commutatorNorm(a, truth[...], dimension: d) < 1e-12)
            for j in (i + 1)..<m {
                #expect(commutatorNorm(a, data.sensing[(j * size)..<((j + 1) * size)], dimension: d) < 1e-12)
            }
            let inner = zip(a, truth).map { $0 * $1 }.reduce(0, +)
            #expect(abs(inner - data.labels[i]) < 1e-12)
        }
        // A_1 and B = the Gaussian design's A_1 do not commute: the check can fail.
        let gaussian = MatrixSensingData.generate(dimension: d, rank: rank, measurements: 1, noise: 0, seed: seed)
        #expect(commutatorNorm(data.sensing[0..<size], gaussian.sensing[0..<size], dimension: d) > 0.1)
        let q = MatrixSensingData.commutingBasis(dimension: d, seed: seed)
        let first = inBasis(Array(data.sensing[0..<size]), q, dimension: d)
        for j in 0..<d {
            for k in 0..<d {
                #expect(abs(first[j * d + k] - (j == k ? sparse.design[j] : 0)) < 1e-12)
            }
        }
        let spectrum = inBasis(truth, q, dimension: d)
        for j in 0..<d { #expect(abs(spectrum[j * d + j] - sparse.truth![j]) < 1e-12) }
        #expect(data.labels == sparse.labels)
    }

    @Test("uv from U₀ = √a·I, V₀ = 0 trains exactly as mask-weight sparse regression on the spectrum")
    func reducesToSparseRegression() throws {
        var matrix = sensingConfig(.uv, dimension: d, rank: rank, measurements: m, initScale: 1, learningRate: 0.05,
                                   weightDecay: 0.1, schedule: .offAt(step: 300), steps: 1500)
        matrix.design = .commuting
        matrix.factorInit = .identity
        var sparse = TrialConfig()
        sparse.dimension = d
        sparse.samples = m
        sparse.sparsity = rank
        sparse.testSamples = 0
        sparse.dataSeed = matrix.dataSeed
        sparse = sparse.training(depth: 2, initScale: 1, learningRate: 0.05, weightDecay: 0.1, schedule: .offAt(step: 300), steps: 1500)
        let a = try runTrial(matrix, seed: 1), b = try runTrial(sparse, seed: 1)
        let q = MatrixSensingData.commutingBasis(dimension: d, seed: matrix.dataSeed!)
        let spectrum = inBasis(a.x, q, dimension: d)
        for j in 0..<d {
            for k in 0..<d {
                #expect(abs(spectrum[j * d + k] - (j == k ? b.x[j] : 0)) < 1e-9)
            }
        }
        #expect(abs(a.metrics["recovery_error"]! - b.metrics["recovery_error"]!) < 1e-9)
        #expect(abs(a.metrics["lambda_integral"]! - b.metrics["lambda_integral"]!) < 1e-12)
        #expect(b.x.contains { abs($0) > 0.1 })
    }
}

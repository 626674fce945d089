import Core
import Testing

/// A lora configuration on generated d = 8 data (rank 1, so X* − W₀ has rank 2).
private func loraConfig(loraRank: Int = 3, weightDecay: Double = 0.1, steps: Int = 2) -> TrialConfig {
    var c = sensingConfig(.lora, dimension: 8, rank: 1, measurements: 30, initScale: 1, learningRate: 0.05,
                          weightDecay: weightDecay, steps: steps)
    c.loraRank = loraRank
    return c
}

/// C = A Bᵀ for row-major A (rows × inner) and B (columns × inner), computed plainly.
private func plainTimesTranspose(_ a: [Double], _ b: [Double], rows: Int, columns: Int, inner: Int) -> [Double] {
    var c = [Double](repeating: 0, count: rows * columns)
    for i in 0..<rows {
        for j in 0..<columns {
            var s = 0.0
            for k in 0..<inner { s += a[i * inner + k] * b[j * inner + k] }
            c[i * columns + j] = s
        }
    }
    return c
}

/// G = ∇_X f = (1/m)Σ(⟨A_i, X⟩ − y_i)A_i, computed plainly from the full matrices.
private func plainGradient(_ data: MatrixSensingData, x: [Double]) -> [Double] {
    let size = data.dimension * data.dimension
    var g = [Double](repeating: 0, count: size)
    for i in 0..<data.measurements {
        var r = -data.labels[i]
        for e in 0..<size { r += data.sensing[i * size + e] * x[e] }
        for e in 0..<size { g[e] += r * data.sensing[i * size + e] / Double(data.measurements) }
    }
    return g
}

@Suite("LoRA factorization X = W₀ + B Aᵀ")
struct LoRAFactorizationTests {
    @Test("starts at X = W₀ with B = 0, A of d × r, and W₀ = U₀U₀ᵀ of rank `rank`")
    func start() throws {
        let config = loraConfig()
        let trainer = try MatrixSensingTrainer(config: config, data: sensingData(config), seed: 5)
        let base = try #require(trainer.loraBase)
        #expect(trainer.x == base)
        #expect(trainer.factor(0) == [Double](repeating: 0, count: 8 * 3))
        #expect(trainer.factor(1).count == 8 * 3 && trainer.factor(1).contains { $0 != 0 })
        let sigma = MatrixMetrics.singularValues(base, dimension: 8)
        #expect(sigma[0] > 0.1 && sigma[1] < 1e-12)
        let other = try MatrixSensingTrainer(config: config, data: sensingData(config), seed: 6)
        #expect(other.loraBase != base)
    }

    @Test("each step is B ← B − η(G A + λB), A ← A − η(Gᵀ B + λA), X = W₀ + B Aᵀ, against a plain computation")
    func stepAgainstPlainComputation() throws {
        let config = loraConfig()
        let data = sensingData(config)
        let trainer = try MatrixSensingTrainer(config: config, data: data, seed: 5)
        let base = try #require(trainer.loraBase)
        let (d, r, eta, lambda) = (8, 3, 0.05, 0.1)
        for step in 1...2 {
            let b = trainer.factor(0), a = trainer.factor(1)
            let g = plainGradient(data, x: trainer.x)
            // G A (d × r) = G (A ᵀ)ᵀ; Gᵀ B the same with Gᵀ.
            let gt = (0..<(d * d)).map { g[($0 % d) * d + $0 / d] }
            let aColumns = (0..<(r * d)).map { a[($0 % d) * r + $0 / d] }, bColumns = (0..<(r * d)).map { b[($0 % d) * r + $0 / d] }
            let gradB = plainTimesTranspose(g, aColumns, rows: d, columns: r, inner: d)
            let gradA = plainTimesTranspose(gt, bColumns, rows: d, columns: r, inner: d)
            let expectedB = (0..<(d * r)).map { b[$0] - eta * (gradB[$0] + lambda * b[$0]) }
            let expectedA = (0..<(d * r)).map { a[$0] - eta * (gradA[$0] + lambda * a[$0]) }
            trainer.advance(to: step)
            let newB = trainer.factor(0), newA = trainer.factor(1)
            for k in 0..<(d * r) {
                #expect(abs(newB[k] - expectedB[k]) <= 1e-12 * (1 + abs(expectedB[k])))
                #expect(abs(newA[k] - expectedA[k]) <= 1e-12 * (1 + abs(expectedA[k])))
            }
            let update = plainTimesTranspose(newB, newA, rows: d, columns: d, inner: r)
            for e in 0..<(d * d) { #expect(abs(trainer.x[e] - (base[e] + update[e])) <= 1e-12) }
        }
        #expect(trainer.factor(0).contains { $0 != 0 })
    }

    @Test("the gradient of B matches central finite differences of f(W₀ + B Aᵀ)")
    func finiteDifferences() throws {
        let config = loraConfig(weightDecay: 0, steps: 3)
        let data = sensingData(config)
        let trainer = try MatrixSensingTrainer(config: config, data: data, seed: 5)
        trainer.advance(to: 2)
        let base = try #require(trainer.loraBase)
        let (d, r, eta) = (8, 3, 0.05)
        let b = trainer.factor(0), a = trainer.factor(1)
        func loss(_ b: [Double]) -> Double {
            let update = plainTimesTranspose(b, a, rows: d, columns: d, inner: r)
            let size = d * d
            var total = 0.0
            for i in 0..<data.measurements {
                var s = -data.labels[i]
                for e in 0..<size { s += data.sensing[i * size + e] * (base[e] + update[e]) }
                total += s * s
            }
            return total / Double(2 * data.measurements)
        }
        trainer.advance(to: 3)
        let stepB = trainer.factor(0)
        let h = 1e-6
        for k in [0, 5, 13, 23] {
            var plus = b, minus = b
            plus[k] += h
            minus[k] -= h
            let numeric = (loss(plus) - loss(minus)) / (2 * h)
            let fromStep = (b[k] - stepB[k]) / eta
            #expect(abs(numeric - fromStep) <= 1e-6 * (1 + abs(numeric)))
        }
    }

    @Test("the update metrics describe B Aᵀ = X − W₀")
    func updateMetrics() throws {
        let config = loraConfig(steps: 200)
        let data = sensingData(config)
        let trainer = try MatrixSensingTrainer(config: config, data: data, seed: 5)
        trainer.advance(to: 200)
        let base = try #require(trainer.loraBase), truth = try #require(data.truth)
        let update = zip(trainer.x, base).map { $0 - $1 }
        let sigma = MatrixMetrics.singularValues(update, dimension: 8)
        let metrics = trainer.metrics()
        #expect(abs(metrics["update_effective_rank"]! - MatrixMetrics.effectiveRank(singularValues: sigma)) < 1e-9)
        #expect(abs(metrics["update_nuclear_norm"]! - MatrixMetrics.nuclearNorm(singularValues: sigma)) < 1e-9)
        let target = zip(truth, base).map { $0 - $1 }
        let expected = zip(update, target).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            / target.map { $0 * $0 }.reduce(0, +).squareRoot()
        #expect(abs(metrics["update_relative_error"]! - expected) < 1e-9)
        #expect(metrics["balance_error"] != nil)
        #expect(sigma.filter { $0 > 1e-9 }.count <= 3)
    }
}

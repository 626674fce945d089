import Core
import Testing

@Suite("RegressionData.generate")
struct RegressionDataGenerateTests {
    @Test func sameSeedIsBitIdenticalAndAnotherSeedDiffers() {
        let a = RegressionData.generate(samples: 20, dimension: 30, sparsity: 4, noise: 0.3, testSamples: 10, seed: 9)
        let b = RegressionData.generate(samples: 20, dimension: 30, sparsity: 4, noise: 0.3, testSamples: 10, seed: 9)
        let c = RegressionData.generate(samples: 20, dimension: 30, sparsity: 4, noise: 0.3, testSamples: 10, seed: 10)
        let bits = { (data: RegressionData) in
            [data.design, data.labels, data.truth ?? [], data.testDesign, data.testLabels].map { $0.map(\.bitPattern) }
        }
        #expect(bits(a) == bits(b))
        #expect(a.design != c.design)
        #expect(a.truth != c.truth)
    }

    @Test func sizesFollowTheArguments() {
        let data = RegressionData.generate(samples: 6, dimension: 9, sparsity: 3, noise: 0, testSamples: 4, seed: 1)
        #expect(data.samples == 6 && data.dimension == 9)
        #expect(data.design.count == 54 && data.labels.count == 6)
        #expect(data.truth?.count == 9)
        #expect(data.testDesign.count == 36 && data.testLabels.count == 4 && data.testSamples == 4)
    }

    @Test func noiselessLabelsAreExactlyZTimesTruth() throws {
        let data = RegressionData.generate(samples: 15, dimension: 12, sparsity: 5, noise: 0, testSamples: 8, seed: 77)
        let truth = try #require(data.truth)
        func product(_ z: [Double], rows: Int) -> [Double] {
            (0..<rows).map { r in
                var s = 0.0
                for c in 0..<data.dimension { s += z[r * data.dimension + c] * truth[c] }
                return s
            }
        }
        #expect(data.labels == product(data.design, rows: data.samples))
        #expect(data.testLabels == product(data.testDesign, rows: data.testSamples))
    }

    @Test func noisyLabelsDepartFromZTimesTruth() throws {
        let clean = RegressionData.generate(samples: 10, dimension: 5, sparsity: 2, noise: 0, testSamples: 0, seed: 4)
        let noisy = RegressionData.generate(samples: 10, dimension: 5, sparsity: 2, noise: 0.5, testSamples: 0, seed: 4)
        #expect(noisy.design == clean.design)
        #expect(noisy.truth == clean.truth)
        #expect(zip(noisy.labels, clean.labels).allSatisfy { $0 != $1 })
    }

    @Test(arguments: [0, 1, 5, 20])
    func truthHasExactlyKNonzeros(k: Int) throws {
        let data = RegressionData.generate(samples: 3, dimension: 20, sparsity: k, noise: 0, testSamples: 0, seed: UInt64(k) + 100)
        let truth = try #require(data.truth)
        #expect(truth.filter { $0 != 0 }.count == k)
    }
}

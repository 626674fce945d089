import Core
import Foundation
import Testing

@Suite("Matrix sensing data")
struct MatrixSensingDataTests {
    @Test("generated data: symmetric A_i, y_i = ⟨A_i, X*⟩, X* of rank r, same seed same bits")
    func generate() {
        let data = MatrixSensingData.generate(dimension: 5, rank: 2, measurements: 30, noise: 0, seed: 4)
        #expect(data.sensing.count == 30 * 25 && data.labels.count == 30 && data.truth?.count == 25)
        #expect(data.isSymmetric)
        let truth = data.truth!
        for i in 0..<30 {
            let inner = (0..<25).reduce(0.0) { $0 + data.sensing[i * 25 + $1] * truth[$1] }
            #expect(abs(inner - data.labels[i]) < 1e-12)
        }
        let sigma = MatrixMetrics.singularValues(truth, dimension: 5)
        #expect(sigma[1] > 0.1 && sigma[2] < 1e-12)
        #expect(data == MatrixSensingData.generate(dimension: 5, rank: 2, measurements: 30, noise: 0, seed: 4))
        #expect(data != MatrixSensingData.generate(dimension: 5, rank: 2, measurements: 30, noise: 0, seed: 5))
        let noisy = MatrixSensingData.generate(dimension: 5, rank: 2, measurements: 30, noise: 0.5, seed: 4)
        #expect(noisy.sensing == data.sensing && noisy.labels != data.labels)
    }

    @Test("generated scaling: (1/m)Σ⟨A_i, X⟩² ≈ ‖X‖²_F for symmetric X")
    func isometry() {
        let data = MatrixSensingData.generate(dimension: 4, rank: 1, measurements: 4000, noise: 0, seed: 9)
        let x: [Double] = [1, 2, 0, -1, 2, 0, 3, 0, 0, 3, -2, 1, -1, 0, 1, 2]
        var mean = 0.0
        for i in 0..<4000 {
            let inner = (0..<16).reduce(0.0) { $0 + data.sensing[i * 16 + $1] * x[$1] }
            mean += inner * inner / 4000
        }
        let norm = x.reduce(0.0) { $0 + $1 * $1 }
        #expect(abs(mean / norm - 1) < 0.1)
    }

    @Test("save then load round-trips through .npy files")
    func saveThenLoad() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let data = MatrixSensingData.generate(dimension: 3, rank: 1, measurements: 7, noise: 0.1, seed: 2)
        try data.save(to: dir.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["A.npy", "X_star.npy", "y.npy"])
        #expect(try MatrixSensingData.load(from: dir.path) == data)
        var unknown = data
        unknown.truth = nil
        try unknown.save(to: dir.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["A.npy", "y.npy"])
        #expect(try MatrixSensingData.load(from: dir.path) == unknown)
    }

    @Test("A and y load from .csv; X_star may be a d × d matrix")
    func loadCSV() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try dir.write("1, 0, 0, 1\n0, 2, 3, 0\n1, 1, -1, 0\n", to: "A.csv")
        try dir.write("2\n5\n0.5\n", to: "y.csv")
        try dir.write("1, 0\n0, 1\n", to: "X_star.csv")
        let data = try MatrixSensingData.load(from: dir.path)
        #expect(data.dimension == 2 && data.measurements == 3)
        #expect(data.sensing == [1, 0, 0, 1, 0, 2, 3, 0, 1, 1, -1, 0])
        #expect(data.labels == [2, 5, 0.5])
        #expect(data.truth == [1, 0, 0, 1])
        #expect(!data.isSymmetric)
    }

    @Test("shape errors name the file and the expected shape")
    func shapeErrors() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        expectCoreError(containing: ["missing A", "m × d²"]) { () throws(CoreError) in _ = try MatrixSensingData.load(from: dir.path) }
        try dir.write("1, 2, 3\n", to: "A.csv")
        expectCoreError(containing: ["A.csv", "(1, 3)", "d² columns"]) { () throws(CoreError) in _ = try MatrixSensingData.load(from: dir.path) }
        try dir.write("1, 2, 3, 4\n5, 6, 7, 8\n", to: "A.csv")
        expectCoreError(containing: ["missing y"]) { () throws(CoreError) in _ = try MatrixSensingData.load(from: dir.path) }
        try dir.write("1\n2\n3\n", to: "y.csv")
        expectCoreError(containing: ["y.csv", "3 entries", "rows of A is 2"]) { () throws(CoreError) in _ = try MatrixSensingData.load(from: dir.path) }
        try dir.write("1\n2\n", to: "y.csv")
        try dir.write("1, 0, 0\n", to: "X_star.csv")
        expectCoreError(containing: ["X_star.csv", "(1, 3)", "(2, 2)"]) { () throws(CoreError) in _ = try MatrixSensingData.load(from: dir.path) }
    }

    @Test("a trial on saved data gives the bits of the trial on the same generated data")
    func trialOnFiles() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        var config = sensingConfig(.uu, dimension: 6, rank: 1, measurements: 40, initScale: 0.1, learningRate: 0.05, steps: 50)
        try sensingData(config).save(to: dir.path)
        let generated = try runTrial(config, seed: 3)
        config.data = dir.path
        config.dataSeed = nil
        let loaded = try runTrial(config, seed: 3)
        #expect(loaded.x.count == 36)
        #expect(bits(loaded.x) == bits(generated.x))
        #expect(bits(loaded.metrics) == bits(generated.metrics))
    }
}

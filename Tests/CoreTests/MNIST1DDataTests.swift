import Core
import Foundation
import Testing

/// The repository's `data/mnist1d` directory, found from this source file.
private let repositoryMNIST1DDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data").appendingPathComponent("mnist1d").path

/// The shipped set, loaded once for all tests of the suite.
private let repositoryMNIST1D: Result<ClassificationData, CoreError> = Result { () throws(CoreError) in
    try ClassificationData.mnist1d(directory: repositoryMNIST1DDirectory)
}

@Suite("MNIST-1D data")
struct MNIST1DDataTests {
    /// The sha256 of the file at `path`, from `sha256sum`.
    private func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(output.prefix(64))
    }

    /// A fresh directory holding copies of the shipped files; the caller removes it.
    private func copyOfShippedSet() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mnist1d-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["x_train.npy", "y_train.npy", "x_test.npy", "y_test.npy"] {
            try FileManager.default.copyItem(
                atPath: repositoryMNIST1DDirectory + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        return folder
    }

    @Test("the shipped files have the checksums the README states (computed by scripts/data/generate_mnist1d.py)")
    func checksums() throws {
        let readme = try String(contentsOfFile: repositoryMNIST1DDirectory + "/README.md", encoding: .utf8)
        for (name, digest) in [
            ("x_train.npy", "f48127906888c1a94110dbe68138d8e76fb549c587ce8f24b8d9af999d5f6478"),
            ("y_train.npy", "de523d9b5573e2a9de10eb143601e5652f3a98bfeb26846ac6e8154551f839f4"),
            ("x_test.npy", "3a9e807f859b0c981260e3599ac0089d7c308f08a6c07d020a9d7db7131192e1"),
            ("y_test.npy", "793afc4f5eced1f9573784273461bea6d22853b690d0a51f38e309bc5288467e"),
        ] {
            #expect(try sha256(repositoryMNIST1DDirectory + "/" + name) == digest, "\(name)")
            #expect(readme.contains("`\(name)`: `\(digest)`"), "\(name)")
        }
    }

    @Test("4,000 training and 1,000 test rows of 40 features, 10 classes with the README's counts")
    func shapeAndLabels() throws {
        let data = try repositoryMNIST1D.get()
        #expect(data.features == 40 && data.classes == 10)
        #expect(data.trainSamples == 4000 && data.testSamples == 1000)
        #expect(data.trainInputs.count == 4000 * 40 && data.testInputs.count == 1000 * 40)
        func counts(_ labels: [Int]) -> [Int] { (0..<10).map { c in labels.filter { $0 == c }.count } }
        #expect(counts(data.trainLabels) == [398, 396, 411, 394, 394, 402, 401, 404, 402, 398])
        #expect(counts(data.testLabels) == [102, 104, 89, 106, 106, 98, 99, 96, 98, 102])
    }

    @Test("rows and values are as stored: fixture values from numpy's view of the files")
    func storedValues() throws {
        let data = try repositoryMNIST1D.get()
        // numpy: x_train[0, 0], x_train[0, 39], x_train[3999, 17], x_test[999, 39] and their float64 bits.
        #expect(data.trainInputs[0].bitPattern == 0xbfd5_3f94_b2dc_0b39)
        #expect(data.trainInputs[0] == -0.33200566736939013)
        #expect(data.trainInputs[39].bitPattern == 0xbfec_7c3e_38cf_ff2d)
        #expect(data.trainInputs[3999 * 40 + 17].bitPattern == 0xc003_1ec0_60ef_c2a4)
        #expect(data.testInputs[999 * 40 + 39].bitPattern == 0x3ff3_1726_6165_eadb)
        // numpy: y_train[0], y_train[3999], y_test[0], y_test[999].
        #expect(data.trainLabels[0] == 2 && data.trainLabels[3999] == 8)
        #expect(data.testLabels[0] == 2 && data.testLabels[999] == 4)
    }

    @Test("the data directory: the field, then MIRRORSWEEP_DATA, then data/mnist1d above the executable")
    func lookup() throws {
        func find(_ configured: String?, _ environment: [String: String], _ executable: String?) throws(CoreError) -> String {
            try DataLocation.directory(
                name: "mnist1d", marker: "x_train.npy", configured: configured, environment: environment, executable: executable)
        }
        #expect(try find("/x/y", ["MIRRORSWEEP_DATA": "/r"], nil) == "/x/y")
        #expect(try find(nil, ["MIRRORSWEEP_DATA": "/r"], nil) == "/r/mnist1d")
        let repository = URL(fileURLWithPath: repositoryMNIST1DDirectory).deletingLastPathComponent().deletingLastPathComponent()
        #expect(try find(nil, [:], repository.appendingPathComponent(".build/release/mirrorsweep").path) == repositoryMNIST1DDirectory)
        #expect { try find(nil, [:], "/nonexistent/bin/tool") } throws: { error in
            "\(error)".contains("data/mnist1d/x_train.npy") && "\(error)".contains("/nonexistent/bin/data/mnist1d")
        }
    }

    @Test("a missing file is an error naming it")
    func missingFile() throws {
        let folder = try copyOfShippedSet()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("y_test.npy").path
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: CoreError.dataFile(
            path: path,
            reason: "missing; the MNIST-1D set ships as data/mnist1d/y_test.npy in the repository (see data/mnist1d/README.md)")) {
            try ClassificationData.mnist1d(directory: folder.path)
        }
    }

    @Test("a bad label, a wrong shape or mismatched row counts is an error naming the file")
    func malformedFiles() throws {
        let folder = try copyOfShippedSet()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let shipped = try ClassificationData.mnist1d(directory: folder.path)
        #expect(shipped == (try repositoryMNIST1D.get()))
        let trainLabels = shipped.trainLabels.map(Double.init)

        var labels = trainLabels
        labels[7] = 10
        try NPYFile.write(DenseArray(shape: [4000], values: labels), to: path("y_train.npy"))
        #expect(throws: CoreError.dataShape(path: path("y_train.npy"), reason: "row 7: label 10.0; a label must be an integer 0–9")) {
            try ClassificationData.mnist1d(directory: folder.path)
        }
        labels[7] = 2.5
        try NPYFile.write(DenseArray(shape: [4000], values: labels), to: path("y_train.npy"))
        #expect(throws: CoreError.dataShape(path: path("y_train.npy"), reason: "row 7: label 2.5; a label must be an integer 0–9")) {
            try ClassificationData.mnist1d(directory: folder.path)
        }
        try NPYFile.write(DenseArray(shape: [3999], values: Array(trainLabels.dropLast())), to: path("y_train.npy"))
        #expect(throws: CoreError.dataShape(path: path("y_train.npy"), reason: "3999 labels but x_train.npy has 4000 rows")) {
            try ClassificationData.mnist1d(directory: folder.path)
        }
        try NPYFile.write(DenseArray(shape: [4000], values: trainLabels), to: path("y_train.npy"))

        let testInputs = Array(shipped.testInputs.prefix(1000 * 39))
        try NPYFile.write(DenseArray(shape: [1000, 39], values: testInputs), to: path("x_test.npy"))
        #expect(throws: CoreError.dataShape(path: path("x_test.npy"), reason: "39 features per row but x_train.npy has 40")) {
            try ClassificationData.mnist1d(directory: folder.path)
        }
        try NPYFile.write(DenseArray(shape: [1000 * 39], values: testInputs), to: path("x_test.npy"))
        #expect(throws: CoreError.dataShape(
            path: path("x_test.npy"), reason: "shape (39000,); expected (rows, features) with features ≥ 1")) {
            try ClassificationData.mnist1d(directory: folder.path)
        }
    }

    @Test("problem mnist1d is a classification problem and its config validates")
    func problem() throws {
        let config = try JSONDecoder().decode(TrialConfig.self, from: Data(#"{"problem": "mnist1d", "widths": [32]}"#.utf8))
        #expect(config.problem == .mnist1d && config.problem.isClassification)
        try config.validate()
        var pilot = config
        pilot.schedule = .pilot(delta: 1.1, budget: 100)
        pilot.weightDecay = 1e-3
        try pilot.validate()
    }

    @Test("300 momentum-SGD steps of a 40-32-10 MLP reach well above chance (10 %)")
    func trainsAboveChance() throws {
        var config = TrialConfig()
        config.problem = .mnist1d
        config.data = repositoryMNIST1DDirectory
        config.widths = [32]
        config.parameterization = .direct
        config.depth = 1
        config.optimizer = .momentum
        config.batchSize = 64
        config.learningRate = 0.05
        config.steps = 300
        config.curvePoints = 0
        let result = try runTrial(config, seed: 1)
        #expect(result.status == .completed && result.steps == 300)
        #expect(try #require(result.metrics["accuracy"]) > 0.3)
        #expect(try #require(result.metrics["train_accuracy"]) > 0.3)
    }
}

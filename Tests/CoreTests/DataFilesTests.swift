import Core
import Foundation
import Testing

@Suite("Regression data files")
struct DataFilesTests {
    static let sample = RegressionData(
        samples: 3, dimension: 2, design: [1, 2, 3, 4, 5, 6], labels: [0.5, -1, 2],
        truth: [1, -0.25], testDesign: [7, 8], testLabels: [9]
    )

    @Test func saveThenLoadRoundTrips() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let data = RegressionData.generate(samples: 7, dimension: 5, sparsity: 2, noise: 0.1, testSamples: 4, seed: 3)
        try data.save(to: dir.path)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["Z.npy", "Z_test.npy", "x_star.npy", "y.npy", "y_test.npy"])
        #expect(try RegressionData.load(from: dir.path) == data)
    }

    @Test func saveCreatesNestedDirectoriesAndSkipsAbsentParts() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let data = RegressionData(samples: 2, dimension: 1, design: [1, 2], labels: [3, 4], truth: nil)
        let target = dir.file("a/b")
        try data.save(to: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == ["Z.npy", "y.npy"])
        #expect(try RegressionData.load(from: target) == data)
    }

    @Test func saveRemovesStaleOptionalFiles() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try Self.sample.save(to: dir.path)
        var smaller = Self.sample
        smaller.truth = nil
        smaller.testDesign = []
        smaller.testLabels = []
        try smaller.save(to: dir.path)
        #expect(try RegressionData.load(from: dir.path) == smaller)
    }

    @Test func saveRefusesBesideACSVOfTheSameName() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try dir.write("1\n2\n3\n", to: "y.csv")
        expectCoreError(containing: [dir.file("y.csv"), "ambiguous"]) { () throws(CoreError) in
            try Self.sample.save(to: dir.path)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("Z.npy")))
    }

    @Test func saveRejectsInconsistentSizes() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        var data = Self.sample
        data.labels = [1]
        expectCoreError(containing: ["y has 1 entries, expected n = 3"]) { () throws(CoreError) in
            try data.save(to: dir.path)
        }
    }

    @Test func loadsCSVFiles() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try dir.write("1,2\n3,4\n5,6\n", to: "Z.csv")
        try dir.write("0.5\n-1\n2\n\n", to: "y.csv")
        try dir.write("1\n-0.25\n", to: "x_star.csv")
        try dir.write("7,8\n", to: "Z_test.csv")
        try dir.write("9\n", to: "y_test.csv")
        #expect(try RegressionData.load(from: dir.path) == Self.sample)
    }

    @Test func mixesNPYAndCSVAndAcceptsColumnVectors() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try NPYFile.write(DenseArray(shape: [3, 2], values: [1, 2, 3, 4, 5, 6]), to: dir.file("Z.npy"))
        try NPYFile.write(DenseArray(shape: [3, 1], values: [0.5, -1, 2]), to: dir.file("y.npy"))
        try dir.write("1\n-0.25\n", to: "x_star.csv")
        let data = try RegressionData.load(from: dir.path)
        #expect(data.labels == [0.5, -1, 2])
        #expect(data.truth == [1, -0.25])
        #expect(data.testSamples == 0)
    }

    /// A data directory that ``RegressionData/load(from:)`` refuses: its files, and the fragments
    /// the error must contain (`{dir}` stands for the directory's path).
    struct Refused: Sendable, CustomTestStringConvertible {
        let testDescription: String
        /// The `.csv` files, by name.
        var csv: [String: String] = [:]
        /// The `.npy` files, by name.
        var npy: [String: DenseArray] = [:]
        let fragments: [String]
    }

    static let refused = [
        Refused(testDescription: "missing Z", csv: ["y.csv": "1\n"], fragments: ["{dir}", "missing Z", "Z.npy or Z.csv"]),
        Refused(testDescription: "missing y", csv: ["Z.csv": "1,2\n"], fragments: ["missing y", "y.npy or y.csv"]),
        Refused(
            testDescription: "a non-numeric CSV cell, named by file, line and column", csv: ["Z.csv": "1,2\n3,x\n", "y.csv": "1\n2\n"],
            fragments: ["{dir}/Z.csv", "line 2, column 2", "'x' is not a number"]),
        Refused(
            testDescription: "ragged CSV rows", csv: ["Z.csv": "1,2\n3\n", "y.csv": "1\n2\n"],
            fragments: ["{dir}/Z.csv", "line 2 has 1 columns but line 1 has 2"]),
        Refused(
            testDescription: "labels not matching the rows of Z", csv: ["Z.csv": "1,2\n3,4\n5,6\n", "y.csv": "1\n2\n"],
            fragments: ["{dir}/y.csv", "y has 2 entries", "rows of Z is 3", "(3,) or (3, 1)"]),
        Refused(
            testDescription: "labels that are not a vector", csv: ["Z.csv": "1,2\n3,4\n", "y.csv": "1,2\n3,4\n"],
            fragments: ["y must be a vector", "found shape (2, 2)"]),
        Refused(
            testDescription: "a one-dimensional design", csv: ["y.csv": "1\n2\n3\n"], npy: ["Z.npy": DenseArray(shape: [3], values: [1, 2, 3])],
            fragments: ["{dir}/Z.npy", "Z must be a 2-D", "(3,)"]),
        Refused(
            testDescription: "an empty design",
            npy: ["Z.npy": DenseArray(shape: [0, 3], values: []), "y.npy": DenseArray(shape: [0], values: [])],
            fragments: ["{dir}/Z.npy", "(0, 3)", "at least one row"]),
        Refused(
            testDescription: "a truth not matching the columns of Z",
            csv: ["Z.csv": "1,2\n3,4\n", "y.csv": "1\n2\n", "x_star.csv": "1\n2\n3\n"],
            fragments: ["{dir}/x_star.csv", "x_star has 3 entries", "columns of Z is 2"]),
        Refused(
            testDescription: "a held-out design with the wrong columns",
            csv: ["Z.csv": "1,2\n3,4\n", "y.csv": "1\n2\n", "Z_test.csv": "1,2,3\n", "y_test.csv": "1\n"],
            fragments: ["{dir}/Z_test.csv", "Z_test has 3 columns but Z has 2"]),
        Refused(
            testDescription: "a held-out design without labels", csv: ["Z.csv": "1,2\n3,4\n", "y.csv": "1\n2\n", "Z_test.csv": "1,2\n"],
            fragments: ["Z_test.csv is present but y_test is missing"]),
    ]

    @Test(arguments: refused)
    func loadRefuses(_ refused: Refused) throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        for (name, text) in refused.csv { try dir.write(text, to: name) }
        for (name, array) in refused.npy { try NPYFile.write(array, to: dir.file(name)) }
        let fragments = refused.fragments.map { $0.replacingOccurrences(of: "{dir}", with: dir.path) }
        expectCoreError(containing: fragments) { () throws(CoreError) in
            _ = try RegressionData.load(from: dir.path)
        }
    }

    @Test func missingDirectory() {
        expectCoreError(containing: ["/nonexistent/data", "not a directory"]) { () throws(CoreError) in
            _ = try RegressionData.load(from: "/nonexistent/data")
        }
    }

    @Test func bothNPYAndCSVAreAmbiguous() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try Self.sample.save(to: dir.path)
        try dir.write("1,2\n3,4\n5,6\n", to: "Z.csv")
        expectCoreError(containing: ["both Z.npy and Z.csv", "exactly one"]) { () throws(CoreError) in
            _ = try RegressionData.load(from: dir.path)
        }
    }

    @Test func wrongDtypeNamesFileAndDtype() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try Self.sample.save(to: dir.path)
        try dir.write(bytes: NPYTests.npy(header: "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", values: [0, 0, 0]), to: "y.npy")
        expectCoreError(containing: [dir.file("y.npy"), "dtype '<i8'", "'<f8'"]) { () throws(CoreError) in
            _ = try RegressionData.load(from: dir.path)
        }
    }

    @Test func truncatedFileNamesIt() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try Self.sample.save(to: dir.path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.file("Z.npy"))))
        try dir.write(bytes: Array(bytes.dropLast(5)), to: "Z.npy")
        expectCoreError(containing: [dir.file("Z.npy"), "truncated"]) { () throws(CoreError) in
            _ = try RegressionData.load(from: dir.path)
        }
    }

    @Test("numpy reads our files and we read numpy's", .enabled(if: NumPy.isAvailable, "needs python3 with numpy"))
    func numpyInteroperability() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let data = RegressionData.generate(samples: 6, dimension: 4, sparsity: 2, noise: 0.5, testSamples: 3, seed: 11)
        try data.save(to: dir.path)
        let printed = try NumPy.run(
            """
            import sys, numpy as np
            d = sys.argv[1]
            for name in ["Z", "y", "x_star", "Z_test", "y_test"]:
                a = np.load(d + "/" + name + ".npy")
                assert a.dtype == np.float64 and a.flags["C_CONTIGUOUS"], name
                print(name, "x".join(map(str, a.shape)), *(v.hex() for v in a.ravel()))
            """,
            arguments: [dir.path]
        )
        let expected: [(String, String, [Double])] = [
            ("Z", "6x4", data.design), ("y", "6", data.labels), ("x_star", "4", data.truth ?? []),
            ("Z_test", "3x4", data.testDesign), ("y_test", "3", data.testLabels),
        ]
        let lines = printed.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        try #require(lines.count == expected.count)
        for (tokens, (name, shape, values)) in zip(lines, expected) {
            #expect(Array(tokens.prefix(2)) == [name, shape])
            #expect(tokens.dropFirst(2).map { Double($0)?.bitPattern } == values.map(\.bitPattern), "\(name)")
        }

        let theirs = try ScratchDirectory()
        defer { theirs.remove() }
        try NumPy.run(
            """
            import sys, numpy as np
            d = sys.argv[1]
            z = np.arange(12, dtype=np.float64).reshape(4, 3) / 7
            np.save(d + "/Z.npy", np.asfortranarray(z))
            np.save(d + "/y.npy", np.array([[1.5], [-2.0], [np.pi], [1e-300]]))
            np.save(d + "/x_star.npy", np.array([0.0, -0.0, 3.25]))
            """,
            arguments: [theirs.path]
        )
        let loaded = try RegressionData.load(from: theirs.path)
        #expect(loaded.samples == 4 && loaded.dimension == 3)
        #expect(loaded.design == (0..<12).map { Double($0) / 7 })
        #expect(loaded.labels == [1.5, -2, Double.pi, 1e-300])
        #expect(loaded.truth?.map(\.bitPattern) == [0.0, -0.0, 3.25].map(\.bitPattern))
    }
}

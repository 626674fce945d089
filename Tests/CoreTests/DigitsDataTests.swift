import Core
import Foundation
import Testing

@Suite("Digits data")
struct DigitsDataTests {
    @Test("the shipped file has the checksum its README states")
    func checksum() throws {
        let path = URL(fileURLWithPath: repositoryDigitsDirectory).appendingPathComponent("digits.csv").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let digest = String(output.prefix(64))
        #expect(digest == "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8")
        let readme = try String(contentsOfFile: repositoryDigitsDirectory + "/README.md", encoding: .utf8)
        #expect(readme.contains(digest))
    }

    @Test("1,797 rows of 64 features in [0, 1] and labels 0–9, split 1,437 / 360")
    func shapeAndSplit() throws {
        let data = try repositoryDigits.get()
        #expect(data.features == 64 && data.classes == 10)
        #expect(data.trainSamples == 1437 && data.testSamples == 360)
        #expect(data.trainInputs.count == 1437 * 64 && data.testInputs.count == 360 * 64)
        let inputs = data.trainInputs + data.testInputs
        #expect(inputs.allSatisfy { (0...1).contains($0) && ($0 * 16).rounded() == $0 * 16 })
        #expect(inputs.max() == 1)
        let labels = data.trainLabels + data.testLabels
        #expect(Set(labels) == Set(0...9))
        let counts = Dictionary(grouping: labels, by: { $0 }).mapValues(\.count)
        #expect(counts[0] == 178 && counts[3] == 183 && counts[8] == 174)
        #expect(Set(data.testLabels) == Set(0...9))
    }

    @Test("the split is the documented permutation of the file's rows")
    func permutation() throws {
        let data = try repositoryDigits.get()
        let text = try String(contentsOfFile: repositoryDigitsDirectory + "/digits.csv", encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
        var order = Array(0..<1797)
        var rng = Xoshiro256StarStar(seed: 20_250_101)
        for i in stride(from: 1796, through: 1, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
        for (k, row) in [(0, order[0]), (1436, order[1436])] {
            #expect(Array(data.trainInputs[(k * 64)..<((k + 1) * 64)]) == rows[row][0..<64].map { $0 / 16 })
            #expect(data.trainLabels[k] == Int(rows[row][64]))
        }
        #expect(data.testLabels[359] == Int(rows[order[1796]][64]))
        #expect(try ClassificationData.digits(directory: repositoryDigitsDirectory) == data)
    }

    @Test("the data directory: the field, then MIRRORSWEEP_DATA, then data/digits above the executable")
    func lookup() throws {
        #expect(try DataLocation.directory(name: "digits", marker: "digits.csv", configured: "/x/y", environment: ["MIRRORSWEEP_DATA": "/r"], executable: nil) == "/x/y")
        #expect(try DataLocation.directory(name: "digits", marker: "digits.csv", configured: nil, environment: ["MIRRORSWEEP_DATA": "/r"], executable: nil) == "/r/digits")
        let repository = URL(fileURLWithPath: repositoryDigitsDirectory).deletingLastPathComponent().deletingLastPathComponent()
        let executable = repository.appendingPathComponent(".build/release/mirrorsweep").path
        #expect(try DataLocation.directory(name: "digits", marker: "digits.csv", configured: nil, environment: [:], executable: executable) == repositoryDigitsDirectory)
        #expect(throws: CoreError.self) {
            try DataLocation.directory(name: "digits", marker: "digits.csv", configured: nil, environment: [:], executable: "/nonexistent/bin/tool")
        }
        do {
            _ = try DataLocation.directory(name: "digits", marker: "digits.csv", configured: nil, environment: [:], executable: "/nonexistent/bin/tool")
        } catch {
            #expect(error.description.contains("MIRRORSWEEP_DATA") && error.description.contains("/nonexistent/bin/data/digits"))
        }
    }

    @Test("a missing or malformed file is an error naming it")
    func errors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("digits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: CoreError.self) { try ClassificationData.digits(directory: folder.path) }
        let file = folder.appendingPathComponent("digits.csv")
        try "1,2,3\n".write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try ClassificationData.digits(directory: folder.path)
            Issue.record("a 1 × 3 file loaded")
        } catch {
            guard case let .dataShape(path, reason) = error else { throw error }
            #expect(path == file.path && reason.contains("line 1 has 3 values"))
        }
        try "1,2,x\n".write(to: file, atomically: true, encoding: .utf8)
        #expect { try ClassificationData.digits(directory: folder.path) } throws: { error in
            "\(error)".contains("line 1, column 3: unexpected character 'x'")
        }
        let row = (Array(repeating: "0", count: 63) + ["17", "3"]).joined(separator: ",")
        try (row + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect { try ClassificationData.digits(directory: folder.path) } throws: { error in
            "\(error)".contains("line 1, column 64: 17; a feature must be an integer 0–16")
        }
    }

    @Test("teacher–student data is deterministic, labelled by a 10-class teacher")
    func teacherStudent() {
        let a = ClassificationData.teacherStudent(features: 12, trainSamples: 300, testSamples: 50, seed: 9)
        let b = ClassificationData.teacherStudent(features: 12, trainSamples: 300, testSamples: 50, seed: 9)
        let c = ClassificationData.teacherStudent(features: 12, trainSamples: 300, testSamples: 50, seed: 10)
        #expect(a == b && a != c)
        #expect(a.trainInputs.count == 3600 && a.testInputs.count == 600 && a.classes == 10)
        #expect(a.trainLabels.allSatisfy { (0..<10).contains($0) })
        #expect(Set(a.trainLabels).count >= 3)
    }
}

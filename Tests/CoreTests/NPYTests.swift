import Core
import Testing

@Suite("NPY files")
struct NPYTests {
    /// A `.npy` file with a hand-written header and the given float64 values.
    static func npy(version: UInt8 = 1, header: String, values: [Double]) -> [UInt8] {
        var text = Array(header.utf8)
        let prefix = version == 1 ? 10 : 12
        text += [UInt8](repeating: UInt8(ascii: " "), count: (64 - (prefix + text.count + 1) % 64) % 64) + [UInt8(ascii: "\n")]
        let length = text.count
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        bytes += version == 1
            ? [UInt8(length & 0xFF), UInt8(length >> 8)]
            : [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
        bytes += text
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        return bytes
    }

    @Test func encodedFileHasNumpysLayout() throws {
        let bytes = NPYFile.encode(DenseArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]))
        #expect(Array(bytes[0..<8]) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"))
        #expect(header.hasSuffix(" \n"))
        #expect(bytes.count == 10 + headerLength + 6 * 8)
    }

    @Test(arguments: [[5], [2, 3], [4, 1], [1, 1], [0, 3]])
    func roundTrip(shape: [Int]) throws {
        let count = shape.reduce(1, *)
        let values = (0..<count).map { Double($0) * -1.25 + 0.1 }
        let array = DenseArray(shape: shape, values: values)
        #expect(try NPYFile.decode(NPYFile.encode(array), path: "a.npy") == array)
    }

    @Test func roundTripKeepsSpecialValuesBitExact() throws {
        let values = [Double.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let decoded = try NPYFile.decode(NPYFile.encode(DenseArray(shape: [6], values: values)), path: "a.npy")
        #expect(decoded.values.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func readsFortranOrderAsRowMajor() throws {
        let bytes = Self.npy(header: "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", values: [1, 4, 2, 5, 3, 6])
        let array = try NPYFile.decode(bytes, path: "f.npy")
        #expect(array.shape == [2, 3])
        #expect(array.values == [1, 2, 3, 4, 5, 6])
    }

    @Test(arguments: [UInt8(2), 3])
    func readsVersionsTwoAndThree(version: UInt8) throws {
        let bytes = Self.npy(version: version, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", values: [7, 8, 9])
        #expect(try NPYFile.decode(bytes, path: "v.npy") == DenseArray(shape: [3], values: [7, 8, 9]))
    }

    @Test func acceptsDoubleQuotesAndKeysInAnyOrder() throws {
        let bytes = Self.npy(header: #"{"shape": (1, 2), "fortran_order": False, "descr": "<f8"}"#, values: [1, 2])
        #expect(try NPYFile.decode(bytes, path: "q.npy") == DenseArray(shape: [1, 2], values: [1, 2]))
    }

    @Test(arguments: ["<i8", ">f8", "<f4"])
    func rejectsOtherDtypesNamingThem(dtype: String) {
        let bytes = Self.npy(header: "{'descr': '\(dtype)', 'fortran_order': False, 'shape': (1,), }", values: [1])
        expectCoreError(containing: ["x.npy", "dtype '\(dtype)'", "'<f8'", "required"]) { () throws(CoreError) in
            _ = try NPYFile.decode(bytes, path: "x.npy")
        }
    }

    @Test func rejectsTruncatedData() {
        let bytes = Self.npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", values: [1, 2, 3])
        expectCoreError(containing: ["t.npy", "truncated", "(2, 2)", "32", "24"]) { () throws(CoreError) in
            _ = try NPYFile.decode(bytes, path: "t.npy")
        }
    }

    @Test func rejectsTruncatedHeader() {
        let bytes = Array(NPYFile.encode(DenseArray(shape: [1], values: [1]))[0..<40])
        expectCoreError(containing: ["h.npy", "truncated", "header"]) { () throws(CoreError) in
            _ = try NPYFile.decode(bytes, path: "h.npy")
        }
    }

    @Test func rejectsTrailingBytes() {
        let bytes = NPYFile.encode(DenseArray(shape: [1], values: [1])) + [0, 0, 0]
        expectCoreError(containing: ["e.npy", "3 unexpected bytes"]) { () throws(CoreError) in
            _ = try NPYFile.decode(bytes, path: "e.npy")
        }
    }

    @Test func rejectsFilesWithoutTheMagicString() {
        expectCoreError(containing: ["m.npy", "not a .npy file"]) { () throws(CoreError) in
            _ = try NPYFile.decode(Array("1,2,3\n4,5,6\n".utf8), path: "m.npy")
        }
    }

    @Test func rejectsUnknownVersions() {
        var bytes = NPYFile.encode(DenseArray(shape: [1], values: [1]))
        bytes[6] = 4
        expectCoreError(containing: ["version 4.0"]) { () throws(CoreError) in
            _ = try NPYFile.decode(bytes, path: "v.npy")
        }
    }

    @Test(arguments: ["()", "(2, 2, 2)"])
    func rejectsRanksOtherThanOneAndTwo(shape: String) {
        let bytes = Self.npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }", values: Array(repeating: 0, count: 8))
        expectCoreError(containing: ["r.npy", "shape \(shape)", "1 or 2 are supported"]) { () throws(CoreError) in
            _ = try NPYFile.decode(bytes, path: "r.npy")
        }
    }

    @Test(arguments: [
        ("{'descr': '<f8', 'shape': (1,), }", "missing key 'fortran_order'"),
        ("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", "expected True or False"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", "non-negative integer"),
        ("'descr': '<f8'", "expected '{'"),
    ])
    func rejectsMalformedHeaders(header: String, reason: String) {
        let bytes = Self.npy(header: header, values: [1])
        expectCoreError(containing: ["bad.npy", "malformed header", reason]) { () throws(CoreError) in
            _ = try NPYFile.decode(bytes, path: "bad.npy")
        }
    }

    @Test func writeThenReadThroughTheFileSystem() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let array = DenseArray(shape: [3, 2], values: [1, 2, 3, 4, 5, 6])
        try NPYFile.write(array, to: dir.file("a.npy"))
        #expect(try NPYFile.read(path: dir.file("a.npy")) == array)
    }

    @Test func readingAMissingFileNamesItAndTheErrno() {
        expectCoreError(containing: ["/nonexistent/dir/a.npy", "cannot open", "errno"]) { () throws(CoreError) in
            _ = try NPYFile.read(path: "/nonexistent/dir/a.npy")
        }
    }
}

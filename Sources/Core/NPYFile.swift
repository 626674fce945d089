import Foundation

/// Reads and writes NumPy `.npy` files of dtype `<f8` (little-endian Float64), rank 1 or 2.
///
/// Reading accepts format versions 1.0, 2.0 and 3.0 in C or Fortran order; writing produces
/// version 1.0 in C order, as `numpy.save` does.
public enum NPYFile {
    /// The only dtype read and written.
    public static let dtype = "<f8"

    private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Reads the array stored in the `.npy` file at `path`.
    public static func read(path: String) throws(CoreError) -> DenseArray {
        try decode(FileBytes.read(path), path: path)
    }

    /// Writes `array` to `path` (replacing any file there) as a version 1.0 `.npy` file.
    public static func write(_ array: DenseArray, to path: String) throws(CoreError) {
        try FileBytes.write(encode(array), to: path)
    }

    /// Decodes the bytes of a `.npy` file; `path` only names the file in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(CoreError) -> DenseArray {
        let (headerStart, dataStart) = try headerBounds(bytes, path: path)
        let header = try parseHeader(bytes[headerStart..<dataStart], path: path)
        let count = try elementCount(header.shape, path: path)
        try checkDataLength(bytes.count - dataStart, count: count, shape: header.shape, path: path)
        return DenseArray(shape: header.shape, values: values(bytes, from: dataStart, count: count, header: header))
    }

    /// The error of a malformed file at `path`.
    private static func bad(_ reason: String, path: String) -> CoreError {
        .dataFile(path: path, reason: reason)
    }

    /// Where the header starts (after the magic string, version and header length) and where
    /// the data starts, after checking that the file holds the whole header.
    private static func headerBounds(_ bytes: [UInt8], path: String) throws(CoreError) -> (headerStart: Int, dataStart: Int) {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw bad("not a .npy file: it does not start with the magic string \\x93NUMPY", path: path)
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw bad("truncated: the file ends inside the header length", path: path) }
            headerLength = (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) }
            headerStart = 12
        default:
            throw bad("unsupported .npy format version \(major).\(bytes[7]); versions 1.0, 2.0 and 3.0 are read", path: path)
        }
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else {
            throw bad("truncated: the header needs \(headerLength) bytes but only \(bytes.count - headerStart) follow", path: path)
        }
        return (headerStart, dataStart)
    }

    /// The header dictionary, checked for the one dtype and a rank of 1 or 2.
    private static func parseHeader(_ bytes: ArraySlice<UInt8>, path: String) throws(CoreError) -> NPYHeader {
        guard let headerText = String(bytes: bytes, encoding: .utf8) else {
            throw bad("the header is not UTF-8 text", path: path)
        }
        let header: NPYHeader
        do {
            header = try NPYHeader(parsing: headerText)
        } catch {
            throw bad("malformed header (\(error.reason)): \(headerText.trimmingCharacters(in: .whitespacesAndNewlines))", path: path)
        }
        guard header.descr == dtype else {
            throw bad("dtype '\(header.descr)' is not supported; '\(dtype)' (little-endian float64) is required", path: path)
        }
        guard (1...2).contains(header.shape.count) else {
            throw bad("shape \(shapeText(header.shape)) has \(header.shape.count) dimensions; 1 or 2 are supported", path: path)
        }
        return header
    }

    /// The number of elements of `shape`, small enough that their bytes can be counted in an `Int`.
    private static func elementCount(_ shape: [Int], path: String) throws(CoreError) -> Int {
        var count = 1
        for extent in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= Int.max / 8 else { throw bad("shape \(shapeText(shape)) is too large", path: path) }
            count = product
        }
        return count
    }

    /// Checks that exactly the `count` elements' bytes follow the header (`available` bytes do).
    private static func checkDataLength(_ available: Int, count: Int, shape: [Int], path: String) throws(CoreError) {
        guard available >= count * 8 else {
            throw bad("truncated: shape \(shapeText(shape)) needs \(count * 8) data bytes but only \(available) follow the header",
                      path: path)
        }
        guard available == count * 8 else {
            throw bad("\(available - count * 8) unexpected bytes after the \(count * 8) data bytes of shape \(shapeText(shape))",
                      path: path)
        }
    }

    /// The `count` little-endian doubles stored from `dataStart`, in C order.
    private static func values(_ bytes: [UInt8], from dataStart: Int, count: Int, header: NPYHeader) -> [Double] {
        var values = bytes.withUnsafeBytes { raw in
            (0..<count).map { i in
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: dataStart + 8 * i, as: UInt64.self)))
            }
        }
        if header.fortranOrder, header.shape.count == 2 {
            let (rows, columns) = (header.shape[0], header.shape[1])
            let columnMajor = values
            for r in 0..<rows {
                for c in 0..<columns { values[r * columns + c] = columnMajor[c * rows + r] }
            }
        }
        return values
    }

    /// The shape as written in errors, e.g. `(3, 4)`.
    private static func shapeText(_ shape: [Int]) -> String {
        DenseArray(shape: shape, values: []).shapeDescription
    }

    /// Encodes `array` as a version 1.0, C-order `<f8` `.npy` file.
    public static func encode(_ array: DenseArray) -> [UInt8] {
        var header = Array(NPYHeader(descr: dtype, fortranOrder: false, shape: array.shape).literal.utf8)
        let unpadded = magic.count + 4 + header.count + 1
        header += [UInt8](repeating: UInt8(ascii: " "), count: (64 - unpadded % 64) % 64)
        header.append(UInt8(ascii: "\n"))
        var bytes = magic + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header
        bytes.reserveCapacity(bytes.count + 8 * array.values.count)
        for value in array.values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }
}

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
        func bad(_ reason: String) -> CoreError { .dataFile(path: path, reason: reason) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw bad("not a .npy file: it does not start with the magic string \\x93NUMPY")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw bad("truncated: the file ends inside the header length") }
            headerLength = (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) }
            headerStart = 12
        default:
            throw bad("unsupported .npy format version \(major).\(bytes[7]); versions 1.0, 2.0 and 3.0 are read")
        }
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else {
            throw bad("truncated: the header needs \(headerLength) bytes but only \(bytes.count - headerStart) follow")
        }
        guard let headerText = String(bytes: bytes[headerStart..<dataStart], encoding: .utf8) else {
            throw bad("the header is not UTF-8 text")
        }
        let header: NPYHeader
        do {
            header = try NPYHeader(parsing: headerText)
        } catch {
            throw bad("malformed header (\(error.reason)): \(headerText.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard header.descr == dtype else {
            throw bad("dtype '\(header.descr)' is not supported; '\(dtype)' (little-endian float64) is required")
        }
        let shapeText = DenseArray(shape: header.shape, values: []).shapeDescription
        guard (1...2).contains(header.shape.count) else {
            throw bad("shape \(shapeText) has \(header.shape.count) dimensions; 1 or 2 are supported")
        }
        var count = 1
        for extent in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= Int.max / 8 else { throw bad("shape \(shapeText) is too large") }
            count = product
        }
        let available = bytes.count - dataStart
        guard available >= count * 8 else {
            throw bad("truncated: shape \(shapeText) needs \(count * 8) data bytes but only \(available) follow the header")
        }
        guard available == count * 8 else {
            throw bad("\(available - count * 8) unexpected bytes after the \(count * 8) data bytes of shape \(shapeText)")
        }
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
        return DenseArray(shape: header.shape, values: values)
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

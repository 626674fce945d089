import JSON

/// Appends an export's header and rows, as CSV or JSON Lines, to a byte buffer that the caller
/// empties as it goes.
package struct TrialExportEncoder {
    package let format: TrialExportFormat
    /// The column names, in order.
    package let names: [String]
    /// What was appended since the caller last emptied it, UTF-8.
    package var bytes: [UInt8] = []

    package init(format: TrialExportFormat, names: [String]) {
        self.format = format
        self.names = names
        bytes.reserveCapacity(1 << 16)
    }

    /// Appends the CSV header row (JSON Lines has none).
    package mutating func header() {
        guard format == .csv else { return }
        line(names.map(JSONValue.string))
    }

    /// Appends one trial's row, its cells in the order of ``names``.
    package mutating func row(_ cells: [JSONValue]) {
        switch format {
        case .csv:
            line(cells)
        case .jsonl:
            var writer = JSONWriter(capacity: 512)
            writer.value(.object(zip(names, cells).map { (key: $0, value: $1) }))
            bytes += writer.bytes
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// Appends a CSV record: each cell's ``csvText(_:)``, quoted when it holds `,`, `"`, CR or LF, then CRLF.
    private mutating func line(_ cells: [JSONValue]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let text = Self.csvText(cell).utf8
            if text.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }) {
                bytes.append(UInt8(ascii: "\""))
                for byte in text {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes += text
            }
        }
        bytes += [0x0D, 0x0A]
    }

    /// A cell as CSV text, before quoting: empty for null, numbers in shortest round-trip form
    /// (`nan`, `inf`, `-inf` when not finite), strings as they are, lists and objects as compact JSON.
    package static func csvText(_ cell: JSONValue) -> String {
        switch cell {
        case .null: ""
        case let .bool(b): b ? "true" : "false"
        case let .int(n): String(n)
        case let .uint(n): String(n)
        case let .double(d) where d.isNaN: "nan"
        case let .double(d) where d.isInfinite: d > 0 ? "inf" : "-inf"
        case let .double(d): d.description
        case let .string(s): s
        case .array, .object:
            {
                var writer = JSONWriter(capacity: 64)
                writer.value(cell)
                return String(decoding: writer.bytes, as: UTF8.self)
            }()
        }
    }
}

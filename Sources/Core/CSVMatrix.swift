import Foundation

/// Reads a matrix from comma-separated text: numbers only, no header, one matrix row per line.
///
/// Cells may carry surrounding spaces; blank lines are allowed only at the end. The result is
/// always rank 2, `[rows, columns]` (a one-column file is an n × 1 matrix).
public enum CSVMatrix {
    /// Reads the `.csv` file at `path`.
    public static func read(path: String) throws(CoreError) -> DenseArray {
        let bytes = try FileBytes.read(path)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw .dataFile(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses CSV text; `path` only names the file in errors, which also give the line and column.
    public static func parse(_ text: String, path: String) throws(CoreError) -> DenseArray {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        guard !lines.isEmpty else { throw .dataFile(path: path, reason: "no data: expected one matrix row per line") }
        var values: [Double] = []
        var columns = 0
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if isBlank(line) {
                throw .dataFile(path: path, reason: "line \(number) is blank; blank lines are allowed only at the end")
            }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if index == 0 {
                columns = cells.count
            } else if cells.count != columns {
                throw .dataFile(
                    path: path,
                    reason: "line \(number) has \(cells.count) columns but line 1 has \(columns); every row needs the same number of columns"
                )
            }
            for (column, cell) in cells.enumerated() {
                let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let value = Double(trimmed) else {
                    throw .dataFile(path: path, reason: "line \(number), column \(column + 1): '\(trimmed)' is not a number")
                }
                values.append(value)
            }
        }
        return DenseArray(shape: [lines.count, columns], values: values)
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }
}

/// Reads `digits.csv` byte by byte: 1,797 lines of 64 integer features 0–16 and a label 0–9,
/// comma-separated; features are divided by 16. Errors name the line and column.
struct DigitsParser {
    /// The values of a line: 64 features and the label.
    private static let columns = 65
    private static let rows = ClassificationData.digitsSamples

    /// The file's path, for errors.
    let path: String
    private var inputs = [Double](repeating: 0, count: rows * 64)
    private var labels = [Int](repeating: 0, count: rows)
    private var row = 0, column = 0, value = 0, length = 0

    init(path: String) {
        self.path = path
    }

    /// Takes the next byte of the file.
    mutating func read(_ byte: UInt8) throws(CoreError) {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard length < 2 else { throw fail("more than two digits; expected an integer 0–16") }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            length += 1
        case UInt8(ascii: ","):
            try endCell()
        case UInt8(ascii: "\n"):
            try endCell()
            try endLine()
        case UInt8(ascii: "\r"):
            break
        default:
            throw fail("unexpected character '\(Character(Unicode.Scalar(byte)))'; expected integers separated by commas")
        }
    }

    /// Ends the file (a last line without a newline counts) and checks that every line was there.
    mutating func finish() throws(CoreError) -> (inputs: [Double], labels: [Int]) {
        if length > 0 || column > 0 {
            try endCell()
            try endLine()
        }
        guard row == Self.rows else {
            throw .dataShape(path: path, reason: "\(row) lines; expected \(Self.rows)")
        }
        return (inputs, labels)
    }

    private func fail(_ reason: String) -> CoreError {
        .dataFile(path: path, reason: "line \(row + 1), column \(column + 1): \(reason)")
    }

    private mutating func endCell() throws(CoreError) {
        guard length > 0 else { throw fail("empty cell; expected an integer") }
        guard row < Self.rows else {
            throw .dataShape(path: path, reason: "more than \(Self.rows) lines")
        }
        guard column < Self.columns else {
            throw .dataShape(path: path, reason: "line \(row + 1) has more than \(Self.columns) values; expected 64 features and a label")
        }
        if column < 64 {
            guard value <= 16 else { throw fail("\(value); a feature must be an integer 0–16") }
            inputs[row * 64 + column] = Double(value) / 16
        } else {
            guard value <= 9 else { throw fail("\(value); a label must be an integer 0–9") }
            labels[row] = value
        }
        column += 1
        value = 0
        length = 0
    }

    private mutating func endLine() throws(CoreError) {
        guard column == Self.columns else {
            throw .dataShape(path: path, reason: "line \(row + 1) has \(column) values; expected \(Self.columns) (64 features and a label)")
        }
        row += 1
        column = 0
    }
}

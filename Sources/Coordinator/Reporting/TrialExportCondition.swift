import JSON

/// `FIELD=VALUE`: a trial whose column `FIELD` holds `VALUE` as the CSV export writes it, or, for
/// numbers, a number equal to `VALUE` (`weight_decay=0` matches `0.0`).
public struct TrialExportCondition: Hashable, Sendable {
    /// The column's name.
    public var field: String
    /// The value as written after `=`.
    public var value: String

    public init(field: String, value: String) {
        self.field = field
        self.value = value
    }

    /// Reads `FIELD=VALUE`; `option` names the flag it came from in errors.
    public init(parsing text: String, option: String = "--where") throws(ReportError) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw .malformedCondition(option: option, text: text)
        }
        self.init(field: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }

    /// Whether `cell` meets the condition.
    package func matches(_ cell: JSONValue) -> Bool {
        if let number = cell.exportNumber, let wanted = Double(value) {
            return number == wanted || (number.isNaN && wanted.isNaN)
        }
        return TrialExportEncoder.csvText(cell) == value
    }
}

extension JSONValue {
    /// The value as a number, when it is one.
    fileprivate var exportNumber: Double? {
        switch self {
        case let .int(n): Double(n)
        case let .uint(n): Double(n)
        case let .double(d): d
        default: nil
        }
    }
}

extension TrialConfigField {
    /// The field table of docs/SPEC.md ("Config fields"), one row per field of ``TrialConfig/fields``.
    public static var markdownTable: String {
        var lines = ["| field | type | default | allowed | meaning |", "| --- | --- | --- | --- | --- |"]
        for field in TrialConfig.fields {
            lines.append("| `\(field.name)` | \(field.typeName) | \(field.defaultText) | \(field.allowedText) | \(field.doc) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The allowed values for docs: a choice's values, else ``constraint``.
    var allowedText: String {
        if case let .choice(values) = kind { return values.map { "`\($0)`" }.joined(separator: ", ") }
        return constraint
    }
}

/// The file formats `mirrorsweep export` writes, one row per trial.
public enum TrialExportFormat: String, CaseIterable, Sendable {
    /// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold `,`, `"`, CR or LF;
    /// lists as JSON text, a missing value as an empty field.
    case csv
    /// JSON Lines: one JSON object per trial, its members in column order; lists as arrays, a
    /// missing value as `null`, a non-finite number as the string `"nan"`, `"inf"` or `"-inf"`.
    case jsonl
}

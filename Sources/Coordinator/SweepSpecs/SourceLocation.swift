/// A position in a sweep spec file, as `file:line:column` (1-based).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The spec file's path as given to the parser.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

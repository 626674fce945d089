/// What a program printed and how it ended, from ``BackgroundProcess/run(_:)``.
public struct CollectedOutput: Hashable, Sendable {
    /// How the program ended.
    public var termination: ProcessTermination
    /// Its standard output.
    public var standardOutput: String
    /// Its standard error.
    public var standardError: String

    /// What a program printed and how it ended.
    public init(termination: ProcessTermination, standardOutput: String, standardError: String) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

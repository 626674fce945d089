/// What a ``ProcessGroup`` runs: a program with its arguments, environment and working directory.
public struct ProcessConfiguration: Hashable, Sendable {
    /// The program, then its arguments. A program without a slash is looked up on `PATH`; a
    /// relative path with a slash is taken relative to ``workingDirectory``.
    public var arguments: [String]
    /// Variables set on top of this process's environment; a nil value removes the variable.
    public var environment: [String: String?]
    /// The directory the program runs in; nil runs it in this process's.
    public var workingDirectory: String?

    /// A configuration; `arguments` must name at least the program.
    public init(arguments: [String], environment: [String: String?] = [:], workingDirectory: String? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }
}

/// Which of a program's output streams a line came from.
public enum StandardStream: String, Hashable, Sendable {
    /// Standard output.
    case output = "stdout"
    /// Standard error.
    case error = "stderr"
}

/// Which of a program's output streams a line came from.
public enum StandardStream: String, Hashable, Sendable {
    case output = "stdout"
    case error = "stderr"
}

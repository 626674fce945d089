import Foundation
import Journaling

/// Shows a sweep's progress: one line redrawn in place on a terminal, plain lines otherwise.
final class ProgressPrinter {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastPlain = -Double.infinity
    private var drewLine = false

    /// Seconds between plain lines when stderr is not a terminal.
    static let plainInterval = 5.0

    /// Shows `p`, followed by `status` (e.g. the Slurm jobs' state) when there is one.
    func update(_ p: SweepProgress, status: String? = nil) {
        var line = "\(p.done)/\(p.total) done, \(p.running) running, \(p.failed) failed, \(p.pending) pending"
        line += String(format: " | %d workers | %.1f trials/s", p.workers, p.trialsPerSecond)
        if let eta = p.estimatedSecondsLeft { line += " | ETA " + Self.duration(eta) }
        if let status { line += " | " + status }
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            drewLine = true
        } else if p.elapsed - lastPlain >= Self.plainInterval || p.done + p.failed == p.total {
            lastPlain = p.elapsed
            FileHandle.standardError.write(Data(("progress: " + line + "\n").utf8))
        }
    }

    /// Ends the redrawn line so that later output starts on a fresh line.
    func finish() {
        if drewLine { FileHandle.standardError.write(Data("\n".utf8)) }
        drewLine = false
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" }
        if s >= 60 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s)s"
    }
}

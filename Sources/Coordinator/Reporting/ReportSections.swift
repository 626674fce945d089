import Core
import Foundation
import Journaling
import SweepSpecs

/// The report's metadata and failure sections.
enum ReportSections {
    /// The sweep's name, spec text, tool version, machine and time spent.
    static func metadata(_ metadata: ReportMetadata, records: [TrialRecord]) -> [String] {
        let esc = SVGDocument.escape
        let machine = metadata.machine
        let wall = records.reduce(0.0) { total, record in
            if case let .done(result) = record.outcome { return total + result.wallSeconds }
            return total
        }
        var rows: [(String, String)] = [
            ("Spec", metadata.sweep.map { esc($0.name) } ?? "(no spec registered)"),
            ("Tool version", esc(metadata.toolVersion ?? "unknown")),
            ("Machine (where this report was made)",
             esc("\(machine.hostName); \(machine.cpuModel ?? "CPU model unknown"); \(machine.cores) cores")),
        ]
        if let sweep = metadata.sweep {
            rows.append(("Sweep registered", esc(timestamp(sweep.createdAt))))
            rows.append(("Spec last registered", esc(timestamp(sweep.updatedAt))))
        }
        rows.append(("Training time (sum of trial wall times)", esc(duration(wall))))
        var html = ["<h2>Sweep</h2>", "<table class=\"meta\">"]
        html += rows.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }
        html.append("</table>")
        if let sweep = metadata.sweep {
            html += ["<h3>Spec</h3>", "<pre class=\"spec\">\(esc(sweep.specText))</pre>"]
        }
        return html
    }

    /// The most lines of a failed trial's log the report shows, from its end.
    static let maxLogLines = 40
    /// The most bytes of a failed trial's log the report shows, from its end.
    static let maxLogBytes = 4096

    /// The failed trials with their axes, seed, attempts and last error message, and the end of
    /// the log in `logs` (by trial id) of those that left one.
    static func failures(_ records: [TrialRecord], logs: [String: JournalAttemptLog]) -> [String] {
        let failed = records.compactMap { record -> (TrialSpec, String, Int)? in
            guard case let .failed(message, attempts) = record.outcome else { return nil }
            return (record.spec, message, attempts)
        }
        var html = ["<h2>Failures</h2>"]
        guard !failed.isEmpty else { return html + ["<p class=\"note\">No trial failed.</p>"] }
        html.append("<ul class=\"failures\">")
        for (spec, message, attempts) in failed {
            let axes = PlotConfigurations.describe(spec.axes)
            var item = "<li class=\"failure\"><code>\(SVGDocument.escape(axes)), seed \(spec.seed)</code> "
                + "(\(attempts) attempt\(attempts == 1 ? "" : "s")): \(SVGDocument.escape(message))"
            if let log = logs[spec.id] {
                item += "<br>Log of attempt \(log.attempt) (end; <code>mirrorsweep logs RUN_DIR \(spec.id.prefix(12))</code> shows it all):"
                    + "<pre class=\"log\">\(SVGDocument.escape(tail(log.text)))</pre>"
            }
            html.append(item + "</li>")
        }
        html.append("</ul>")
        return html
    }

    /// The end of `text`: its last ``maxLogLines`` lines, at most ``maxLogBytes`` bytes from a
    /// whole UTF-8 character on.
    static func tail(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let kept = lines.suffix(maxLogLines).joined(separator: "\n")
        let utf8 = kept.utf8
        guard utf8.count > maxLogBytes else { return kept }
        var start = utf8.index(utf8.endIndex, offsetBy: -maxLogBytes)
        while start < utf8.endIndex, UTF8.isContinuation(utf8[start]) { start = utf8.index(after: start) }
        return "…" + String(decoding: utf8[start...], as: UTF8.self)
    }

    /// Seconds since 1970 as `2026-11-29 06:30:00 UTC`.
    static func timestamp(_ seconds: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        func two(_ v: Int?) -> String { String(format: "%02d", v ?? 0) }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) UTC"
    }

    /// A duration as `12.3 s`, `4 min 05 s` or `2 h 03 min`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let total = Int(seconds.rounded())
        if total < 3600 { return String(format: "%d min %02d s", total / 60, total % 60) }
        return String(format: "%d h %02d min", total / 3600, total % 3600 / 60)
    }
}

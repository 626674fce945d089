import ArgumentParser
import Foundation
import Journaling
import Logging
import Reporting
import SweepSpecs

extension PlotKind: ExpressibleByArgument {}

/// `mirrorsweep plot`: one figure of a run's results as SVG, or PDF/PNG through `rsvg-convert`.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a figure of a sweep's results (SVG; PDF or PNG through rsvg-convert)."
    )

    @OptionGroup var runDirectory: RunDirectoryArgument

    @Option(help: "The figure: pareto (generalization vs sparsity), sweep (a metric vs an axis) or curves (training curves).")
    var kind: PlotKind

    @Option(help: "The x axis of a sweep figure (default: weight_decay when it varies, else the first varying axis).")
    var x: String?

    @Option(help: "The metric on the y axis (default: recovery_error, else test_mse, else the first reported; train_loss for curves).")
    var y: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Keep only trials with this axis value (repeatable).", valueName: "axis=value"))
    var filters: [String] = []

    @Option(help: ArgumentHelp("The output file; .svg, or .pdf / .png converted with rsvg-convert.", valueName: "file"))
    var out: String

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard Self.formats.contains((out as NSString).pathExtension.lowercased()) else {
            throw ValidationError("--out must end in .svg, .pdf or .png, got '\(out)'")
        }
    }

    func run() throws {
        let logger = try logging.bootstrap(label: "mirrorsweep.plot")
        let filter = try filters.map { text -> AxisValue in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("--where must be AXIS=VALUE, got '\(text)'")
            }
            return AxisValue(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
        }
        let journal = try runDirectory.journal(logger: logger)
        let svg: String
        do {
            let name = try journal.sweep()?.name ?? "sweep"
            svg = try Plot.svg(records: try journal.records(),
                               options: PlotOptions(kind: kind, title: name, x: x, y: y, filter: filter))
        } catch let error as ReportError {
            throw ValidationError("--\(error)")
        } catch let error as JournalError {
            logger.error("\(error)")
            throw ExitCode.failure
        }
        do {
            let format = (out as NSString).pathExtension.lowercased()
            if format == "svg" {
                try Data(svg.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                try SVGConverter.convert(svg, format: format, to: out)
            }
        } catch {
            logger.error("cannot write \(out): \(error)")
            throw ExitCode.failure
        }
        logger.info("wrote \(kind.rawValue) figure", metadata: ["file": "\(out)"])
    }

    private static let formats = ["svg", "pdf", "png"]
}

/// SVG to PDF or PNG through `rsvg-convert` (Debian package `librsvg2-bin`).
enum SVGConverter {
    /// Why a conversion failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `svg` as `format` (`pdf` or `png`, the latter at twice the size) to `path`.
    static func convert(_ svg: String, format: String, to path: String) throws {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let tool = paths.map({ "\($0)/rsvg-convert" }).first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "rsvg-convert is not installed; install it (Debian: apt-get install librsvg2-bin) or write an .svg file")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--format", format, "--output", path] + (format == "png" ? ["--zoom", "2"] : [])
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(svg.utf8))
        try input.fileHandleForWriting.close()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "rsvg-convert exited with status \(process.terminationStatus): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

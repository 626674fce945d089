import Foundation
import Testing

/// `plot` and `report` on the journal of a real sweep.
@Suite("Figures and reports from a real run", .serialized)
struct ReportCommandTests {
    static let spec = sparseRegressionSpec(
        name: "figures", base: [("samples", "20"), ("dimension", "40"), ("sparsity", "3"), ("steps", "2000")],
        grid: [("weight_decay", "[0, 0.05]"), ("schedule", #"[constant, "off-at:500"]"#)], seeds: 2)

    static var hasRsvgConvert: Bool {
        ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/rsvg-convert") }
    }

    func finishedRun() throws -> (SweepFixture, String) {
        let fixture = try SweepFixture(name: "figures", yaml: Self.spec)
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", dir], timeout: .seconds(120))
        try #require(output.succeeded, "run failed: \(output.stderr)")
        return (fixture, dir)
    }

    @Test("plot writes an SVG with one point per configuration, and a self-contained report")
    func svgAndReport() throws {
        let (fixture, dir) = try finishedRun()
        let svg = fixture.directory.appendingPathComponent("pareto.svg").path
        let plot = try MirrorSweepBinary.run(["plot", dir, "--kind", "pareto", "--out", svg], timeout: .seconds(60))
        #expect(plot.succeeded, "plot failed: \(plot.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<svg") || text.hasPrefix("<?xml"))
        let points = text.components(separatedBy: "class=\"point\"").count - 1 + text.components(separatedBy: "class=\"point front\"").count - 1
        #expect(points == 4, "expected one point per configuration (4), found \(points)")

        let html = fixture.directory.appendingPathComponent("report.html").path
        let report = try MirrorSweepBinary.run(["report", dir, "--out", html], timeout: .seconds(60))
        #expect(report.succeeded, "report failed: \(report.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg"))
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http"), "the report loads something from the network")
        #expect(page.contains("figures"))
    }

    @Test("plot converts to PDF and PNG through rsvg-convert", .enabled(if: ReportCommandTests.hasRsvgConvert))
    func pdfAndPNG() throws {
        let (fixture, dir) = try finishedRun()
        for (kind, name, magic) in [("sweep", "sweep.pdf", Array("%PDF".utf8)), ("curves", "curves.png", [0x89, 0x50, 0x4E, 0x47])] {
            let path = fixture.directory.appendingPathComponent(name).path
            let plot = try MirrorSweepBinary.run(["plot", dir, "--kind", kind, "--out", path], timeout: .seconds(60))
            #expect(plot.succeeded, "plot \(kind) failed: \(plot.stderr)")
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)).prefix(4))
            #expect(bytes == magic, "\(name) does not start with the format's signature")
        }
    }
}

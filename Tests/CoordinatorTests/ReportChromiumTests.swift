import Foundation
@testable import Reporting
import Testing

@Suite("HTML report rendered by headless Chromium", .enabled(if: ExternalTool.path("chromium") != nil, "chromium is not installed"))
struct ReportChromiumTests {
    private static func arguments(_ directory: String) -> [String] {
        ["--headless", "--disable-gpu", "--no-sandbox", "--user-data-dir=\(directory)/profile", "--enable-logging=stderr", "--v=0"]
    }

    @Test("the report loads without errors and the DOM holds every data point")
    func dom() throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = (directory as NSString).appendingPathComponent("report.html")
        try Report.html(records: SwitchOffFixture.records, metadata: SwitchOffFixture.metadata)
            .write(toFile: file, atomically: true, encoding: .utf8)
        let chromium = try #require(ExternalTool.path("chromium"))
        let run = try ExternalTool.run(chromium, Self.arguments(directory) + ["--dump-dom", "file://\(file)"], in: directory)
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.errors.contains("Uncaught") && !run.errors.contains("CONSOLE"))
        #expect(run.output.contains("<h1>Sweep <code>quickstart</code></h1>"))
        #expect(run.output.contains("</html>"))
        #expect(Markup.elements(withClass: "point", in: run.output) == ReportTests.expectedPoints)
        #expect(Markup.count("<svg", in: run.output) == 5)
        #expect(Markup.elements(withClass: "failure", in: run.output) == 1)
    }

    @Test("a screenshot of the report is a non-trivial PNG")
    func screenshot() throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = (directory as NSString).appendingPathComponent("report.html")
        let png = (directory as NSString).appendingPathComponent("report.png")
        try Report.html(records: SwitchOffFixture.records, metadata: SwitchOffFixture.metadata)
            .write(toFile: file, atomically: true, encoding: .utf8)
        let chromium = try #require(ExternalTool.path("chromium"))
        let run = try ExternalTool.run(chromium, Self.arguments(directory)
                                       + ["--hide-scrollbars", "--window-size=1200,1600", "--screenshot=\(png)", "file://\(file)"], in: directory)
        #expect(run.status == 0, "\(run.errors)")
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(data.count > 50_000)
    }
}

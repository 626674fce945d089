import Core
import Foundation
@testable import Reporting
@testable import SweepSpecs
import Testing

@Suite("HTML report: self-contained, figures, table, metadata and failures")
struct ReportTests {
    private func report(_ records: [TrialRecord] = SwitchOffFixture.records) throws -> String {
        try Report.html(records: records, metadata: SwitchOffFixture.metadata)
    }

    @Test("self-contained: no network references, scripts, external fonts or images")
    func selfContained() throws {
        let html = try report()
        for forbidden in ["http", "<script", "src=", "@import", "url(", "<link", "@font-face"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("<style>") && html.contains("<meta charset=\"utf-8\">"))
    }

    @Test("figures: Pareto scatter, generalization and sparsity against weight decay, two training-curve plots")
    func figures() throws {
        let html = try report()
        #expect(Markup.count("<figure class=\"figure\">", in: html) == 5)
        #expect(Markup.elements(withClass: "plot-pareto", in: html) == 1)
        #expect(Markup.elements(withClass: "plot-sweep", in: html) == 2)
        #expect(Markup.elements(withClass: "plot-curves", in: html) == 2)
        #expect(html.contains("sparsity versus weight decay") && html.contains("recovery error versus weight decay"))
        #expect(html.contains("training curves of train loss") && html.contains("training curves of recovery error"))
        #expect(Markup.elements(withClass: "point", in: html) == ReportTests.expectedPoints)
    }

    /// Points of the five figures: 10 (Pareto) + 10 + 10 (sweeps) + 2 × front × curve steps.
    static var expectedPoints: Int {
        let table = try! ResultTable(records: SwitchOffFixture.records, options: TableOptions(title: "q", metrics: ["recovery_error", "sparsity"]))
        let front = table.rows.filter { $0.cells[0]?.pareto == true }.count
        let steps = curveSteps(points: 40, steps: SwitchOffFixture.steps).filter { $0 > 0 }.count
        return 3 * SwitchOffFixture.configurationCount + 2 * front * steps
    }

    @Test("the table: one row per configuration, mean ± std, Pareto rows marked, best values bold")
    func table() throws {
        let html = try report()
        let table = try ResultTable(records: SwitchOffFixture.records, options: TableOptions(title: "q", metrics: ["recovery_error", "sparsity"]))
        let front = table.rows.filter { $0.cells[0]?.pareto == true }.count
        #expect(Markup.count("<tr class=\"pareto\">", in: html) == front)
        #expect(Markup.count("<tr", in: html.components(separatedBy: "<table class=\"results\">")[1].components(separatedBy: "</table>")[0])
                == SwitchOffFixture.configurationCount + 1)
        #expect(html.contains("0.620 ± 0.074"))
        #expect(html.contains("recovery error ↓") && html.contains("sparsity ↑"))
        #expect(Markup.count("class=\"num best\"", in: html) >= 5)
        #expect(html.contains("0.000500 ± 0.000060") && html.contains("(1.00 ± 0.12)×10⁻⁹"))
    }

    @Test("metadata: spec name and text, tool version, machine, times, failures with their messages")
    func metadata() throws {
        let html = try report()
        #expect(html.contains("<h1>Sweep <code>quickstart</code></h1>"))
        #expect(html.contains("<pre class=\"spec\">name: quickstart\nseeds: 3\n</pre>"))
        #expect(html.contains("0.1.0"))
        #expect(html.contains("lab-1; Example CPU @ 3.0GHz; 2 cores"))
        #expect(html.contains("2026-11-18 11:06:40 UTC") && html.contains("2026-11-18 11:16:40 UTC"))
        #expect(html.contains("1 min 27 s"))
        #expect(html.contains("30 trials: 29 done (0 diverged), 1 failed, 0 pending; 3 seeds."))
        #expect(Markup.elements(withClass: "failure", in: html) == 1)
        #expect(html.contains("seed 2</code> (3 attempts): \(SwitchOffFixture.failure)"))
        #expect(html.contains("weight_decay=0.05, schedule=off-at:6000, parameterization=hadamard, depth=3"))
    }

    @Test("no failures: the section says so; text is escaped")
    func escaping() throws {
        let records = SwitchOffFixture.records.map { record -> TrialRecord in
            guard case .failed = record.outcome else { return record }
            return TrialRecord(spec: record.spec, outcome: .failed(message: "<b>bad</b> & worse", attempts: 1))
        }
        let html = try report(records)
        #expect(html.contains("&lt;b&gt;bad&lt;/b&gt; &amp; worse") && !html.contains("<b>bad</b>"))
        #expect(html.contains("(1 attempt)"))
        let clean = try report(SwitchOffFixture.records.filter { if case .failed = $0.outcome { false } else { true } })
        #expect(clean.contains("No trial failed."))
    }

    @Test("deterministic: the same records in another order give the same bytes")
    func deterministic() throws {
        #expect(try report() == report(SwitchOffFixture.records.reversed()))
    }

    @Test("durations and times are formatted for people")
    func formatting() {
        #expect(ReportSections.duration(12.34) == "12.3 s")
        #expect(ReportSections.duration(245) == "4 min 05 s")
        #expect(ReportSections.duration(7384) == "2 h 03 min")
        #expect(ReportSections.timestamp(0) == "1970-01-01 00:00:00 UTC")
    }

    @Test("the CPU model comes from /proc/cpuinfo's first model name")
    func cpuModel() {
        let text = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nprocessor\t: 1\nmodel name\t: other\n"
        #expect(ReportMachine.cpuModel(cpuinfo: text) == "Intel(R) Xeon(R) CPU @ 2.20GHz")
        #expect(ReportMachine.cpuModel(cpuinfo: "processor : 0\n") == nil)
        #expect(ReportMachine.current().cores >= 1)
    }
}

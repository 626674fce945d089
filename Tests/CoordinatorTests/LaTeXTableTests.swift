import Foundation
@testable import Reporting
import Testing

@Suite("LaTeX table: paper-ready booktabs output")
struct LaTeXTableTests {
    private func table(columns: [String] = []) throws -> ResultTable {
        try ResultTable(records: SwitchOffFixture.records,
                        options: TableOptions(title: "quickstart", rows: columns.isEmpty ? nil : ["weight_decay", "schedule"],
                                              columns: columns, metrics: ["recovery_error", "sparsity"]))
    }

    @Test("booktabs rules, caption naming the sweep and seeds, label")
    func structure() throws {
        let text = try table().render(.latex)
        for line in ["\\toprule", "\\midrule", "\\bottomrule", "\\begin{tabular}{cllllrrrrr}", "\\label{tab:quickstart}"] {
            #expect(text.contains(line))
        }
        #expect(text.contains("\\caption{Generalization versus sparsity, sweep \\texttt{quickstart} (3 seeds;"))
        #expect(!text.contains("\\hline"))
        #expect(Markup.count(" \\\\\n", in: text) == 1 + SwitchOffFixture.configurationCount)
    }

    @Test("the best mean of each metric column is bold, once per column here")
    func bold() throws {
        let text = try table().render(.latex)
        let table = try table()
        let bestError = table.rows.compactMap { $0.cells[0]?.metrics["recovery_error"]?.mean }.min()!
        let bestSparsity = table.rows.compactMap { $0.cells[0]?.metrics["sparsity"]?.mean }.max()!
        #expect(Markup.count("\\mathbf{", in: text) == table.rows.filter {
            $0.cells[0]?.metrics["recovery_error"]?.mean == bestError || $0.cells[0]?.metrics["sparsity"]?.mean == bestSparsity
        }.count)
        #expect(text.contains("$\\mathbf{0.000470} \\pm 0.000042$"))
    }

    @Test("mean to 3 significant digits, deviation to the same decimal place", arguments: [
        (0.5, 0.0123, "0.500", "0.012", nil),
        (2.0, 1.41421, "2.00", "1.41", nil),
        (-0.5, 0.1, "-0.500", "0.100", nil),
        (1.234e-5, 3.2e-6, "1.23", "0.32", -5),
        (12_345, 100, "1.23", "0.01", 4),
        (0, 0.0123, "0.0000", "0.0123", nil),
    ] as [(Double, Double, String, String, Int?)])
    func digits(mean: Double, std: Double, meanText: String, stdText: String, exponent: Int?) {
        var summary = MetricSummary([mean, mean])
        summary.std = std
        let pair = ResultTable.meanAndDeviation(summary)
        #expect(pair.mean == meanText && pair.std == stdText && pair.exponent == exponent)
    }

    @Test("scientific cells put the power of ten outside the parentheses")
    func scientific() throws {
        var record = SwitchOffFixture.records[0]
        record.outcome = .done(SwitchOffFixture.result(schedule: 2, parameterization: 0, seed: 0))
        var other = record
        other.spec.seed = 1
        other.spec.id = "other"
        other.outcome = .done(SwitchOffFixture.result(schedule: 2, parameterization: 0, seed: 2))
        let text = try ResultTable(records: [record, other], options: TableOptions(title: "s", metrics: ["train_loss"])).render(.latex)
        #expect(text.contains("$(1.00 \\pm 0.17)\\times10^{-9}$"))
    }

    @Test("a pivot gets spanning group headers with cmidrules")
    func pivot() throws {
        let text = try table(columns: ["parameterization"]).render(.latex)
        #expect(text.contains(" &  &  & \\multicolumn{5}{c}{parameterization=mask-weight} & \\multicolumn{5}{c}{parameterization=hadamard} \\\\"))
        #expect(text.contains("\\cmidrule(lr){4-8}\\cmidrule(lr){9-13}"))
        #expect(text.contains("\\begin{tabular}{cllrrrrrrrrrr}"))
    }

    @Test("NaN means show as --")
    func nan() throws {
        let text = try ResultTable(records: Fixture.records, options: Fixture.options).render(.latex)
        #expect(!text.contains("nan"))
    }

    @Test("the table compiles with pdflatex and booktabs", .enabled(if: ExternalTool.path("pdflatex") != nil, "pdflatex is not installed"),
          arguments: [[], ["parameterization"]])
    func compiles(columns: [String]) throws {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let document = "\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage[margin=1cm,landscape]{geometry}\n\\begin{document}\n"
            + (try table(columns: columns).render(.latex)) + "\\end{document}\n"
        try document.write(toFile: (directory as NSString).appendingPathComponent("table.tex"), atomically: true, encoding: .utf8)
        let pdflatex = try #require(ExternalTool.path("pdflatex"))
        let run = try ExternalTool.run(pdflatex, ["-interaction=nonstopmode", "-halt-on-error", "table.tex"], in: directory)
        #expect(run.status == 0, "\(run.output.suffix(2000))")
        #expect(!run.output.contains("\n! "))
        #expect(FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("table.pdf")))
    }
}

import Foundation
import Testing

/// `table` and `plot` on real runs: no silent pooling, defaults by problem kind, consistent
/// numbers, figures fit for a paper.
@Suite("Honest tables and figures from real runs", .serialized)
struct TablePlotCommandTests {
    static let regression = sparseRegressionSpec(
        name: "honest", base: [("samples", "20"), ("dimension", "40"), ("sparsity", "3"), ("steps", "2000")],
        grid: [("weight_decay", "[0, 0.05]"), ("schedule", #"[constant, "off-at:500"]"#)], seeds: 2)

    static let digits = """
        name: digits-tiny
        base:
          problem: digits
          widths: [16]
          batch_size: 64
          learning_rate: 0.05
          steps: 30
          curve_points: 4
        grid:
          weight_decay: [0, 0.001]
        seeds: 2

        """

    func finishedRun(_ yaml: String) throws -> (SweepFixture, String) {
        let fixture = try SweepFixture(name: "honest", yaml: yaml)
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", dir], timeout: .seconds(120))
        try #require(output.succeeded, "run failed: \(output.stderr)")
        return (fixture, dir)
    }

    @Test("table refuses rows that leave out a varying axis, naming it; --pool averages over it")
    func pooling() throws {
        let (_, dir) = try finishedRun(Self.regression)
        let full = try MirrorSweepBinary.run(["table", dir], timeout: .seconds(60))
        #expect(full.succeeded)
        #expect(full.stdout.hasPrefix("| weight_decay | schedule "))
        let refused = try MirrorSweepBinary.run(["table", dir, "--rows", "schedule"], timeout: .seconds(60))
        #expect(!refused.succeeded && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("each row would average trials that differ in weight_decay"), "\(refused.stderr)")
        #expect(refused.stderr.contains("the axes that vary: weight_decay, schedule") && refused.stderr.contains("--pool weight_decay"))
        let pooled = try MirrorSweepBinary.run(["table", dir, "--rows", "schedule", "--pool", "weight_decay", "--format", "csv"],
                                               timeout: .seconds(60))
        #expect(pooled.succeeded, "\(pooled.stderr)")
        let lines = pooled.stdout.split(separator: "\r\n")
        #expect(lines.count == 3 && lines[1].hasPrefix("constant,4,0,0,") && lines[2].hasPrefix("off-at:500,4,0,0,"))
        let unknown = try MirrorSweepBinary.run(["table", dir, "--rows", "schedule", "--pool", "depth"], timeout: .seconds(60))
        #expect(!unknown.succeeded && unknown.stderr.contains("pool: unknown axis 'depth'; allowed: weight_decay, schedule"))
    }

    @Test("Markdown cells give mean and deviation to the same decimal place")
    func numbers() throws {
        let (_, dir) = try finishedRun(Self.regression)
        let table = try MirrorSweepBinary.run(["table", dir], timeout: .seconds(60))
        #expect(table.succeeded)
        let cells = table.stdout.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.contains(" ± ") }
        #expect(cells.count == 4 * 5)
        for cell in cells {
            let parts = cell.trimmingCharacters(in: CharacterSet(charactersIn: "()")).split(separator: ")")[0].components(separatedBy: " ± ")
            let decimals = parts.map { $0.split(separator: ".").dropFirst().first?.count ?? 0 }
            #expect(decimals[0] == decimals[1] || parts[0] == "0", "\(cell)")
            #expect(parts.allSatisfy { !$0.contains("e") && $0.count <= 8 }, "\(cell)")
        }
    }

    @Test("a --where filter that matches nothing says so and lists the values; a match is named in the figure")
    func filters() throws {
        let (fixture, dir) = try finishedRun(Self.regression)
        let out = fixture.directory.appendingPathComponent("f.svg").path
        let none = try MirrorSweepBinary.run(["plot", dir, "--kind", "sweep", "--where", "weight_decay=3", "--out", out], timeout: .seconds(60))
        #expect(!none.succeeded)
        #expect(none.stderr.contains("no trial matched weight_decay=3; the values that exist: weight_decay = 0, 0.05"), "\(none.stderr)")
        let some = try MirrorSweepBinary.run(["plot", dir, "--kind", "pareto", "--where", "schedule=constant", "--out", out], timeout: .seconds(60))
        #expect(some.succeeded, "\(some.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("only schedule=constant"))
    }

    @Test("a sparsity axis ends at 1, curves have a band over seeds, report figures use the page width")
    func figures() throws {
        let (fixture, dir) = try finishedRun(Self.regression)
        let sweep = fixture.directory.appendingPathComponent("s.svg").path
        #expect(try MirrorSweepBinary.run(["plot", dir, "--kind", "sweep", "--y", "sparsity", "--out", sweep], timeout: .seconds(60)).succeeded)
        let yAxis = try String(contentsOfFile: sweep, encoding: .utf8).components(separatedBy: "class=\"y-axis\"")[1]
            .components(separatedBy: "</g>")[0]
        let ticks = yAxis.components(separatedBy: "class=\"tick-label\" text-anchor=\"end\">").dropFirst()
            .compactMap { Double($0.prefix { $0 != "<" }) }
        #expect(!ticks.isEmpty && ticks.allSatisfy { $0 <= 1 })
        let curves = fixture.directory.appendingPathComponent("c.svg").path
        #expect(try MirrorSweepBinary.run(["plot", dir, "--kind", "curves", "--out", curves], timeout: .seconds(60)).succeeded)
        #expect(try String(contentsOfFile: curves, encoding: .utf8).components(separatedBy: "class=\"band\"").count - 1 == 4)
        let html = fixture.directory.appendingPathComponent("r.html").path
        #expect(try MirrorSweepBinary.run(["report", dir, "--out", html], timeout: .seconds(60)).succeeded)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("figure.figure svg { width: 100%; height: auto; }"))
    }

    @Test("a classification sweep defaults to accuracy in tables, sweep plots and the Pareto figure")
    func classificationDefaults() throws {
        let (fixture, dir) = try finishedRun(Self.digits)
        let table = try MirrorSweepBinary.run(["table", dir], timeout: .seconds(60))
        #expect(table.succeeded)
        #expect(table.stdout.hasPrefix("| weight_decay |   n | failed | diverged |      accuracy | train_accuracy |"), "\(table.stdout)")
        #expect(!table.stdout.contains("—"))
        let sweep = fixture.directory.appendingPathComponent("s.svg").path
        let plot = try MirrorSweepBinary.run(["plot", dir, "--kind", "sweep", "--out", sweep], timeout: .seconds(60))
        #expect(plot.succeeded, "\(plot.stderr)")
        #expect(try String(contentsOfFile: sweep, encoding: .utf8).contains("accuracy versus weight decay"))
        let pareto = fixture.directory.appendingPathComponent("p.svg").path
        #expect(try MirrorSweepBinary.run(["plot", dir, "--kind", "pareto", "--out", pareto], timeout: .seconds(60)).succeeded)
        let text = try String(contentsOfFile: pareto, encoding: .utf8)
        #expect(!text.contains("no completed trials"))
        let points = text.components(separatedBy: "class=\"point\"").count + text.components(separatedBy: "class=\"point front\"").count - 2
        #expect(points == 2)
        let unknown = try MirrorSweepBinary.run(["plot", dir, "--kind", "sweep", "--y", "test_mse", "--out", sweep], timeout: .seconds(60))
        #expect(!unknown.succeeded && unknown.stderr.contains("y: unknown metric 'test_mse'; the trials recorded: accuracy"), "\(unknown.stderr)")
    }
}

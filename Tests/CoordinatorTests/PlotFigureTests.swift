import Core
@testable import Reporting
@testable import SweepSpecs
import Testing

@Suite("Plot figures from hand-made records: elements counted in the SVG")
struct PlotFigureTests {
    private let records = SwitchOffFixture.records

    private func svg(_ kind: PlotKind, x: String? = nil, y: String? = nil, filter: [AxisValue] = []) throws -> String {
        try Plot.svg(records: records, options: PlotOptions(kind: kind, title: "quickstart", x: x, y: y, filter: filter))
    }

    @Test("pareto: one point per configuration, error bars both ways, one step per pair of front points")
    func pareto() throws {
        let text = try svg(.pareto)
        let table = try ResultTable(records: records, options: TableOptions(title: "q", metrics: ["recovery_error", "sparsity"]))
        let front = table.rows.filter { $0.cells[0]?.pareto == true }.count
        #expect(front >= 2)
        #expect(Markup.elements(withClass: "point", in: text) == SwitchOffFixture.configurationCount)
        #expect(Markup.elements(withClass: "front", in: text) == front)
        #expect(Markup.elements(withClass: "front-step", in: text) == front - 1)
        #expect(Markup.elements(withClass: "error-x", in: text) == SwitchOffFixture.configurationCount)
        #expect(Markup.elements(withClass: "error-y", in: text) == SwitchOffFixture.configurationCount)
        #expect(Markup.elements(withClass: "legend-label", in: text) == 2)
        #expect(text.contains(">mask-weight</text>") && text.contains(">hadamard</text>"))
    }

    @Test("pareto: the error axis is logarithmic when the errors span decades, linear otherwise")
    func paretoScale() throws {
        let text = try svg(.pareto)
        #expect(text.contains(">10⁻³</text>") && text.contains(">10⁻¹</text>"))
        #expect(text.contains("recovery error ‖x − x*‖₂") && text.contains("sparsity (fraction of |xᵢ| ≤ threshold)"))
        let close = try svg(.pareto, filter: [AxisValue(name: "weight_decay", value: "0.05"), AxisValue(name: "schedule", value: "constant")])
        #expect(!close.contains("10⁻"))
        #expect(Markup.elements(withClass: "point", in: close) == 2)
    }

    @Test("pareto: labels name the configuration with short axis values")
    func paretoLabels() throws {
        let text = try svg(.pareto)
        #expect(text.contains("λ=0, constant"))
        #expect(text.contains("λ=0.05, off-at:2000"))
        let labels = text.components(separatedBy: "class=\"point-label\">").dropFirst().map { $0.components(separatedBy: "</text>")[0] }
        #expect(labels.count >= 5)
        #expect(labels.allSatisfy { !$0.contains("depth") && !$0.contains("L=") && !$0.contains("mask-weight") })
    }

    @Test("pareto uses test_mse without recovery_error")
    func paretoTestMSE() throws {
        let stripped = records.map { record -> TrialRecord in
            guard case var .done(result) = record.outcome else { return record }
            result.metrics["recovery_error"] = nil
            return TrialRecord(spec: record.spec, outcome: .done(result))
        }
        let text = try Plot.svg(records: stripped, options: PlotOptions(kind: .pareto, title: "q"))
        #expect(text.contains("test mean squared error"))
        #expect(Markup.elements(withClass: "point", in: text) == SwitchOffFixture.configurationCount)
    }

    @Test("sweep: one line per schedule and parameterization, λ = 0 joins every schedule's line")
    func sweep() throws {
        let text = try svg(.sweep)
        #expect(Markup.elements(withClass: "series-line", in: text) == 8)
        #expect(Markup.elements(withClass: "legend-label", in: text) == 8)
        #expect(Markup.elements(withClass: "point", in: text) == SwitchOffFixture.configurationCount)
        #expect(Markup.elements(withClass: "error-y", in: text) == SwitchOffFixture.configurationCount)
        #expect(Markup.elements(withClass: "error-x", in: text) == 0)
        #expect(text.contains("weight decay λ"))
        #expect(!text.contains(">-0.01<"))
    }

    @Test("sweep of sparsity against a categorical axis")
    func sweepCategorical() throws {
        let text = try svg(.sweep, x: "schedule", y: "sparsity", filter: [AxisValue(name: "parameterization", value: "hadamard")])
        for schedule in ["constant", "off-at:2000", "off-at:4000", "off-at:6000"] { #expect(text.contains(">\(schedule)</text>")) }
        #expect(Markup.elements(withClass: "point", in: text) == 5)
        #expect(Markup.elements(withClass: "series-line", in: text) == 1)
    }

    @Test("curves: the Pareto front's configurations when there are more than eight, log step axis")
    func curves() throws {
        let text = try svg(.curves)
        let table = try ResultTable(records: records, options: TableOptions(title: "q", metrics: ["recovery_error", "sparsity"]))
        let front = table.rows.filter { $0.cells[0]?.pareto == true }.count
        #expect(Markup.elements(withClass: "series-line", in: text) == front)
        let steps = curveSteps(points: 40, steps: SwitchOffFixture.steps).filter { $0 > 0 }.count
        #expect(Markup.elements(withClass: "point", in: text) == front * steps)
        #expect(text.contains(">10⁴</text>") && text.contains("training step t (iterations)"))
        let chosen = try svg(.curves, y: "recovery_error", filter: [AxisValue(name: "parameterization", value: "mask-weight")])
        #expect(Markup.elements(withClass: "series-line", in: chosen) == SwitchOffFixture.schedules.count)
    }

    @Test("unknown axes and metrics are errors naming what is allowed")
    func unknown() {
        #expect(throws: ReportError.unknownAxis(option: "x", name: "lr",
                                                     allowed: ["weight_decay", "schedule", "parameterization", "depth"])) {
            try svg(.sweep, x: "lr")
        }
        #expect(throws: ReportError.unknownMetric(option: "y", name: "accuracy",
                                                       allowed: ["nonzeros", "recovery_error", "sparsity", "test_mse", "train_loss"])) {
            try svg(.sweep, y: "accuracy")
        }
        #expect(throws: ReportError.noTrialMatched(filter: ["depth=5"], values: ["depth": ["2", "3"]])) {
            try svg(.sweep, filter: [AxisValue(name: "depth", value: "5")])
        }
        #expect(ReportError.noTrialMatched(filter: ["depth=5"], values: ["depth": ["2", "3"]]).description
            == "where: no trial matched depth=5; the values that exist: depth = 2, 3")
        #expect(throws: ReportError.self) { try svg(.curves, y: "sparsity") }
        #expect(throws: ReportError.self) { try svg(.pareto, filter: [AxisValue(name: "optimizer", value: "gd")]) }
    }

    @Test("curves: mean over seeds in a band of one standard deviation, no error bars")
    func curveBands() throws {
        let text = try svg(.curves, filter: [AxisValue(name: "parameterization", value: "mask-weight")])
        #expect(Markup.elements(withClass: "band", in: text) == SwitchOffFixture.schedules.count)
        #expect(Markup.elements(withClass: "error-bar", in: text) == 0)
        #expect(text.contains("band ±1 std"))
    }

    @Test("a --where filter is named in the figure", arguments: PlotKind.allCases)
    func filterCaption(kind: PlotKind) throws {
        let text = try svg(kind, filter: [AxisValue(name: "parameterization", value: "hadamard")])
        #expect(text.contains("only parameterization=hadamard"))
        #expect(!(try svg(kind)).contains("only "))
    }

    @Test("a fraction's axis ends at 1: no tick above it, points beyond it clipped")
    func fractionAxis() throws {
        let scale = PlotScale(kind: .linear, values: [0.1, 0.98, 1.02], start: 0, end: 100, upperLimit: 1)
        #expect(scale.ticks.map(\.value).max() == 1)
        #expect(scale.domain.upperBound > 1 && scale.domain.upperBound < 1.05)
        #expect(scale.position(1.3) == 100)
        let sparsity = try svg(.sweep, y: "sparsity")
        let yAxis = sparsity.components(separatedBy: "class=\"y-axis\"")[1].components(separatedBy: "</g>")[0]
        let ticks = yAxis.components(separatedBy: "class=\"tick-label\" text-anchor=\"end\">").dropFirst()
            .compactMap { Double($0.prefix { $0 != "<" }) }
        #expect(ticks.max() == 1)
    }

    @Test("log axes clip error bars that reach below a tenth of the smallest point, without a cap")
    func logErrorBars() throws {
        let chart = PlotChart(title: "t", subtitle: nil, x: PlotAxis(title: "x", kind: .linear), y: PlotAxis(title: "y", kind: .log),
                              series: [PlotSeries(name: "", points: [
                                  PlotPoint(x: 0, y: 1e-3, xError: nil, yError: 2e-3, label: nil, tooltip: ""),
                                  PlotPoint(x: 1, y: 1, xError: nil, yError: 0.5, label: nil, tooltip: ""),
                              ], connected: false)])
        let text = chart.svg(className: "t")
        #expect(!text.contains("10⁻⁵") && !text.contains("10⁻⁶"))
        let bars = text.components(separatedBy: "class=\"error-bar error-y\" d=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(bars.map { Markup.count("H", in: String($0)) } == [1, 2])
    }

    @Test("point labels never overlap markers or each other: those without room are dropped")
    func crowdedLabels() {
        var labels: [(x: Double, y: Double, text: String)] = []
        for i in 0..<40 {
            let x = 100 + Double(i % 5) * 6
            let y = 100 + Double(i / 5) * 5
            labels.append((x, y, "config \(i)"))
        }
        let markers = labels.map { PlotRect(x: $0.x - 5, y: $0.y - 5, width: 10, height: 10) }
        let placed = PlotLabels.place(labels, obstacles: markers, bounds: PlotRect(x: 0, y: 0, width: 300, height: 200), fontSize: 10)
        #expect(placed.count > 0 && placed.count < labels.count)
        for (i, a) in placed.enumerated() {
            #expect(markers.allSatisfy { a.box.overlap($0) == 0 })
            #expect(placed[(i + 1)...].allSatisfy { a.box.overlap($0.box) == 0 })
        }
    }

    @Test("no completed trials: an empty frame with a message", arguments: PlotKind.allCases)
    func empty(kind: PlotKind) throws {
        let pending = records.map { TrialRecord(spec: $0.spec, outcome: nil) }
        let text = try Plot.svg(records: pending, options: PlotOptions(kind: kind, title: "q"))
        #expect(Markup.elements(withClass: "point", in: text) == 0)
        #expect(Markup.elements(withClass: "empty", in: text) == 1)
    }

    @Test("deterministic: the same set of records in any order gives the same bytes", arguments: PlotKind.allCases)
    func deterministic(kind: PlotKind) throws {
        let options = PlotOptions(kind: kind, title: "quickstart")
        let a = try Plot.svg(records: records, options: options)
        let b = try Plot.svg(records: records.reversed(), options: options)
        let c = try Plot.svg(records: records.enumerated().sorted { ($0.offset * 7) % 30 < ($1.offset * 7) % 30 }.map(\.element),
                             options: options)
        #expect(a == b && a == c)
        #expect(a.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(a.hasSuffix("</svg>\n"))
    }
}

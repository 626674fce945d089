@testable import Reporting
import Testing

@Suite("Plot ticks: nice linear and logarithmic ticks, labels, SVG numbers")
struct PlotTicksTests {
    @Test("linear ticks are 1, 2 or 5 × 10^k and cover the range", arguments: [
        (0.0, 1.0, ["0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        (0.013, 0.087, ["0", "0.02", "0.04", "0.06", "0.08", "0.10"]),
        (-3.0, 7.0, ["-4", "-2", "0", "2", "4", "6", "8"]),
        (0.0, 50_000.0, ["0", "10000", "20000", "30000", "40000", "50000"]),
        (2.2e-5, 8.8e-5, ["2×10⁻⁵", "3×10⁻⁵", "4×10⁻⁵", "5×10⁻⁵", "6×10⁻⁵", "7×10⁻⁵", "8×10⁻⁵", "9×10⁻⁵"]),
    ])
    func linear(lower: Double, upper: Double, labels: [String]) {
        let result = PlotTicks.linear(lower: lower, upper: upper)
        #expect(result.ticks.compactMap(\.label) == labels)
        #expect(result.domain.lowerBound <= lower && result.domain.upperBound >= upper)
        #expect(result.domain.lowerBound == result.ticks.first?.value && result.domain.upperBound == result.ticks.last?.value)
    }

    @Test("linear tick values are exact decimals, not accumulated sums")
    func exactValues() {
        let values = PlotTicks.linear(lower: 0, upper: 1).ticks.map(\.value)
        #expect(values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    }

    @Test("an empty range is widened around its value")
    func emptyRange() {
        let result = PlotTicks.linear(lower: 0.05, upper: 0.05)
        #expect(result.domain.contains(0.05) && result.domain.lowerBound < 0.05 && result.ticks.count >= 3)
    }

    @Test("log ticks over decades: labelled powers of ten and unlabelled minor ticks")
    func logDecades() {
        let ticks = PlotTicks.log(lower: 3e-4, upper: 2)
        #expect(ticks.compactMap(\.label) == ["10⁻³", "10⁻²", "10⁻¹", "10⁰"])
        #expect(ticks.filter { $0.label == nil }.count == 7 + 8 + 8 + 8 + 1)
        #expect(ticks.map(\.value) == ticks.map(\.value).sorted())
        #expect(ticks.allSatisfy { $0.value >= 3e-4 && $0.value <= 2 })
    }

    @Test("log ticks over many decades keep every n-th decade and no minor ticks")
    func logManyDecades() {
        let ticks = PlotTicks.log(lower: 1e-12, upper: 1)
        #expect(ticks.compactMap(\.label) == ["10⁻¹²", "10⁻¹⁰", "10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²", "10⁰"])
        #expect(ticks.allSatisfy { $0.label != nil })
    }

    @Test("log ticks within one decade use 1, 2, 5 × 10^k, then 1–9 × 10^k")
    func logNarrow() {
        #expect(PlotTicks.log(lower: 1.5, upper: 60).compactMap(\.label) == ["2", "5", "10", "20", "50"])
        #expect(PlotTicks.log(lower: 0.25, upper: 0.45).compactMap(\.label) == ["0.3", "0.4"])
        #expect(PlotTicks.log(lower: 0.31, upper: 0.33).count >= 2)
    }

    @Test("labels: superscript powers of ten and %g-style numbers")
    func labels() {
        #expect(PlotTicks.label(0.05) == "0.05")
        #expect(PlotTicks.label(2.5e-5) == "2.5×10⁻⁵")
        #expect(PlotTicks.label(1e-7) == "10⁻⁷")
        #expect(PlotTicks.label(1_234_567) == "1.23×10⁶")
        #expect(PlotTicks.superscript(-12) == "⁻¹²")
    }

    @Test("SVG numbers have at most two decimals and no trailing zeros")
    func svgNumbers() {
        #expect(SVGDocument.number(12) == "12")
        #expect(SVGDocument.number(3.5) == "3.5")
        #expect(SVGDocument.number(-0.254) == "-0.25")
        #expect(SVGDocument.number(0.049) == "0.05")
        #expect(SVGDocument.number(7.001) == "7")
        #expect(SVGDocument.escape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
    }

    @Test("scales: log ignores non-positive values, non-negative data keeps non-negative ticks")
    func scales() {
        let log = PlotScale(kind: .log, values: [0, -1, 1e-3, 1], start: 0, end: 100)
        #expect(log.domain.lowerBound > 0 && log.domain.lowerBound < 1e-3 && log.domain.upperBound > 1)
        #expect(log.position(1e-3) < log.position(1))
        let linear = PlotScale(kind: .linear, values: [0, 0.05], start: 0, end: 100)
        #expect(linear.domain.lowerBound < 0)
        #expect(linear.ticks.allSatisfy { $0.value >= 0 })
        let y = PlotScale(kind: .linear, values: [0, 1], start: 300, end: 0)
        #expect(y.position(1) < y.position(0))
    }
}

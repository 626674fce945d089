import Foundation

/// One data point of a chart, in data units.
struct PlotPoint: Hashable, Sendable {
    var x: Double
    var y: Double
    /// Half-widths of the error bars (one standard deviation), nil when none.
    var xError: Double?
    var yError: Double?
    /// A short label written next to the point, nil for none.
    var label: String?
    /// The tooltip (`<title>`) of the point's marker.
    var tooltip: String
    /// Whether the point lies on a highlighted front (drawn larger with a dark outline).
    var front: Bool = false
    /// Whether the point only joins the series' line: its marker and error bars belong to another series.
    var shared: Bool = false
}

/// A named set of points drawn with one colour and marker, optionally joined by a line.
struct PlotSeries: Hashable, Sendable {
    var name: String
    var points: [PlotPoint]
    /// Whether consecutive points (in the given order) are joined.
    var connected: Bool
    /// Marker radius in pixels.
    var markerRadius: Double = 4.5
    /// Whether the points' y errors are drawn as a shaded band around the line instead of error bars.
    var band = false
}

/// A plot axis: its title (with the unit) and scale kind.
struct PlotAxis: Hashable, Sendable {
    var title: String
    var kind: PlotScaleKind
    /// The largest value the axis shows (1 for a fraction); nil for none.
    var upperLimit: Double? = nil
}

/// A two-axis chart rendered as a self-contained SVG: frame, grid, nice ticks, axis titles,
/// error bars (clipped to the axes, without a cap where clipped) or bands (class `band`), markers
/// (class `point`, `point front` on the front), a step line through the front (class `front-step`,
/// one per step), point labels and a legend right of the plot.
struct PlotChart: Sendable {
    var title: String
    /// A line under the title (e.g. what the labels and colours mean).
    var subtitle: String?
    var x: PlotAxis
    var y: PlotAxis
    var series: [PlotSeries]
    /// Points of a Pareto front in data units, drawn as a staircase in the given order.
    var front: [(x: Double, y: Double)] = []
    /// The text shown in the plot area when there is nothing to draw.
    var emptyMessage = "no completed trials to plot"
    var plotWidth = 520.0
    var plotHeight = 340.0

    /// The chart as SVG text; `className` is added to the root's classes (e.g. `plot-pareto`), and
    /// `standalone` adds the namespace a `.svg` file needs (left out for SVG inlined in HTML).
    func svg(className: String, standalone: Bool = true) -> String {
        let layout = layout()
        var doc = SVGDocument(width: layout.width, height: layout.height)
        drawTitles(&doc, x: layout.area.x)
        drawAxes(&doc, xs: layout.xs, ys: layout.ys, area: layout.area, tickSize: Self.tickSize, rotate: layout.rotateXLabels,
                 xLabelDepth: layout.xLabelDepth)
        if series.allSatisfy({ $0.points.isEmpty }) {
            doc.text(layout.area.x + plotWidth / 2, layout.area.y + plotHeight / 2, emptyMessage,
                     [("class", "empty"), ("text-anchor", "middle"), ("fill", "#666666")])
        }
        let markers = drawData(&doc, xs: layout.xs, ys: layout.ys)
        drawPointLabels(&doc, xs: layout.xs, ys: layout.ys, avoiding: markers, bounds: layout.area)
        drawLegend(&doc, entries: layout.legendEntries, x: layout.area.x + plotWidth + 12, y: layout.area.y, fontSize: Self.tickSize)
        return doc.render(className: "plot " + className, namespace: standalone)
    }

    /// The axis titles' font size, in pixels.
    private static let fontSize = 12.0
    /// The font size of tick labels and the legend, in pixels.
    private static let tickSize = 11.0

    /// Where everything goes in one rendering: margins fitted to the tick labels, the title and the legend.
    private struct Layout {
        var width: Double
        var height: Double
        /// The plot area inside the frame.
        var area: PlotRect
        var xs: PlotScale
        var ys: PlotScale
        /// Whether the x tick labels are rotated, because level ones would overlap.
        var rotateXLabels: Bool
        /// How far the x tick labels reach below the axis.
        var xLabelDepth: Double
        /// The named series that have points.
        var legendEntries: [PlotSeries]
    }

    /// The layout of this chart's title, axes, tick labels and legend.
    private func layout() -> Layout {
        let legendEntries = series.filter { !$0.name.isEmpty && !$0.points.isEmpty }
        let legendWidth = legendEntries.isEmpty ? 16.0 : 48 + Self.widest(legendEntries.map(\.name))
        let points = series.flatMap(\.points)
        let xValues = Self.extent(points.map { ($0.x, $0.xError) }, kind: x.kind)
        let yValues = Self.extent(points.map { ($0.y, $0.yError) }, kind: y.kind)
        let yLabelWidth = Self.widest(PlotScale(kind: y.kind, values: yValues, start: 0, end: 1, upperLimit: y.upperLimit)
            .ticks.compactMap(\.label))
        let xLabels = PlotScale(kind: x.kind, values: xValues, start: 0, end: plotWidth, upperLimit: x.upperLimit).ticks.compactMap(\.label)
        let xLabelWidth = Self.widest(xLabels)
        let rotate = xLabelWidth > plotWidth / Double(max(xLabels.count, 1)) - 6
        let xLabelDepth = rotate ? xLabelWidth * 0.7 + 8 : Self.tickSize + 4

        let left = 30 + yLabelWidth + 10
        let top = subtitle == nil ? 36.0 : 52.0
        let bottom = 16 + xLabelDepth + Self.fontSize + 16
        return Layout(
            width: left + plotWidth + 12 + legendWidth, height: top + plotHeight + bottom,
            area: PlotRect(x: left, y: top, width: plotWidth, height: plotHeight),
            xs: PlotScale(kind: x.kind, values: xValues, start: left, end: left + plotWidth, upperLimit: x.upperLimit),
            ys: PlotScale(kind: y.kind, values: yValues, start: top + plotHeight, end: top, upperLimit: y.upperLimit),
            rotateXLabels: rotate, xLabelDepth: xLabelDepth, legendEntries: legendEntries)
    }

    /// The values an axis shows: each point and the ends of its error bar, except on a log scale
    /// a lower end below a tenth of the smallest point (or not positive): that bar is clipped to the axis.
    private static func extent(_ points: [(value: Double, error: Double?)], kind: PlotScaleKind) -> [Double] {
        let floor = kind == .log ? (points.map(\.value).filter { $0 > 0 && $0.isFinite }.min() ?? 0) / 10 : -Double.infinity
        return points.flatMap { p -> [Double] in
            let e = p.error ?? 0
            return p.value - e >= floor && (kind != .log || p.value - e > 0) ? [p.value - e, p.value, p.value + e] : [p.value, p.value + e]
        }
    }

    /// The width of the widest of `labels` at the tick size, 0 for none.
    private static func widest(_ labels: [String]) -> Double {
        labels.map { PlotLabels.width($0, size: tickSize) }.max() ?? 0
    }

    /// The title at `x`, and the subtitle under it.
    private func drawTitles(_ doc: inout SVGDocument, x: Double) {
        doc.text(x, 20, title, [("class", "title"), ("font-size", "14"), ("font-weight", "bold")])
        if let subtitle { doc.text(x, 38, subtitle, [("class", "subtitle"), ("font-size", "11"), ("fill", "#444444")]) }
    }

    /// The `data` group: series lines, the front's staircase, error bars, then markers. Returns the
    /// markers' boxes, which the point labels avoid.
    private func drawData(_ doc: inout SVGDocument, xs: PlotScale, ys: PlotScale) -> [PlotRect] {
        doc.open([("class", "data")])
        drawBands(&doc, xs: xs, ys: ys)
        drawSeriesLines(&doc, xs: xs, ys: ys)
        drawFrontSteps(&doc, xs: xs, ys: ys)
        for (i, s) in series.enumerated() where !s.band {
            for p in s.points where !p.shared {
                drawErrorBars(&doc, p, xs: xs, ys: ys, colour: PlotPalette.colour(i))
            }
        }
        let markers = drawMarkers(&doc, xs: xs, ys: ys)
        doc.close()
        return markers
    }

    /// The shaded band from y − error to y + error of each series drawn with one, clipped to the axes.
    private func drawBands(_ doc: inout SVGDocument, xs: PlotScale, ys: PlotScale) {
        for (i, s) in series.enumerated() where s.band && s.points.count > 1 {
            let upper = s.points.map { (xs.position($0.x), ys.position($0.y + ($0.yError ?? 0))) }
            let lower = s.points.reversed().map { (xs.position($0.x), ys.position($0.y - ($0.yError ?? 0))) }
            doc.element("path", [("class", "band"), ("d", SVGDocument.path(upper + lower) + " Z"), ("fill", PlotPalette.colour(i)),
                                 ("fill-opacity", "0.18"), ("stroke", "none")])
        }
    }

    /// The line through each connected series' points, in their order.
    private func drawSeriesLines(_ doc: inout SVGDocument, xs: PlotScale, ys: PlotScale) {
        for (i, s) in series.enumerated() where s.connected && s.points.count > 1 {
            var attributes = [("class", "series-line"), ("d", SVGDocument.path(s.points.map { (xs.position($0.x), ys.position($0.y)) })),
                              ("fill", "none"), ("stroke", PlotPalette.colour(i)), ("stroke-width", "1.6")]
            if let dash = PlotPalette.dash(i) { attributes.append(("stroke-dasharray", dash)) }
            doc.element("path", attributes)
        }
    }

    /// One `front-step` path per consecutive pair of front points: down (or up) to the next
    /// point's y, then across to its x.
    private func drawFrontSteps(_ doc: inout SVGDocument, xs: PlotScale, ys: PlotScale) {
        for i in 1..<max(front.count, 1) {
            let a = front[i - 1]
            let b = front[i]
            let d = "M\(SVGDocument.number(xs.position(a.x))) \(SVGDocument.number(ys.position(a.y))) "
                + "V\(SVGDocument.number(ys.position(b.y))) H\(SVGDocument.number(xs.position(b.x)))"
            doc.element("path", [("class", "front-step"), ("d", d), ("fill", "none"), ("stroke", "#333333"),
                                 ("stroke-width", "1.2"), ("stroke-dasharray", "5 3")])
        }
    }

    /// The markers of the points each series owns, a ring around front points; returns their boxes.
    private func drawMarkers(_ doc: inout SVGDocument, xs: PlotScale, ys: PlotScale) -> [PlotRect] {
        var boxes: [PlotRect] = []
        for (i, s) in series.enumerated() {
            for p in s.points where !p.shared {
                let px = xs.position(p.x)
                let py = ys.position(p.y)
                let r = p.front ? s.markerRadius + 1 : s.markerRadius
                boxes.append(PlotRect(x: px - r - 1, y: py - r - 1, width: 2 * r + 2, height: 2 * r + 2))
                doc.append(PlotPalette.markerElement(PlotPalette.marker(i), x: px, y: py, r: r,
                                                     className: p.front ? "point front" : "point",
                                                     colour: PlotPalette.colour(i), title: p.tooltip))
                if p.front {
                    doc.element("circle", [("class", "front-ring"), ("cx", SVGDocument.number(px)), ("cy", SVGDocument.number(py)),
                                           ("r", SVGDocument.number(r + 3)), ("fill", "none"), ("stroke", "#222222"), ("stroke-width", "1")])
                }
            }
        }
        return boxes
    }

    /// The `labels` group: the points' labels placed clear of `obstacles` inside `bounds`, with a
    /// leader line to a label placed away from its point. Nothing when no point has a label.
    private func drawPointLabels(_ doc: inout SVGDocument, xs: PlotScale, ys: PlotScale, avoiding obstacles: [PlotRect],
                                 bounds: PlotRect) {
        let labels = series.flatMap { $0.points.compactMap { p in p.label.map { (xs.position(p.x), ys.position(p.y), $0) } } }
        guard !labels.isEmpty else { return }
        doc.open([("class", "labels"), ("font-size", "10"), ("fill", "#222222")])
        for placement in PlotLabels.place(labels, obstacles: obstacles, bounds: bounds, fontSize: 10) {
            if placement.leader {
                let (ex, ey) = placement.box.nearest(to: placement.pointX, placement.pointY)
                doc.line(placement.pointX, placement.pointY, ex, ey, [("class", "leader"), ("stroke", "#999999"), ("stroke-width", "0.6")])
            }
            doc.text(placement.box.x, placement.box.y + placement.box.height * 0.78, placement.text, [("class", "point-label")])
        }
        doc.close()
    }

    private func drawAxes(_ doc: inout SVGDocument, xs: PlotScale, ys: PlotScale, area: PlotRect, tickSize: Double,
                          rotate: Bool, xLabelDepth: Double) {
        let n = SVGDocument.number
        doc.open([("class", "grid"), ("stroke", "#e6e6e6"), ("stroke-width", "1")])
        for t in xs.ticks where t.label != nil && xs.shows(t.value) {
            doc.line(xs.position(t.value), area.y, xs.position(t.value), area.y + area.height)
        }
        for t in ys.ticks where t.label != nil && ys.shows(t.value) {
            doc.line(area.x, ys.position(t.value), area.x + area.width, ys.position(t.value))
        }
        doc.close()
        doc.element("rect", [("class", "frame"), ("x", n(area.x)), ("y", n(area.y)), ("width", n(area.width)),
                             ("height", n(area.height)), ("fill", "none"), ("stroke", "#333333"), ("stroke-width", "1")])
        doc.open([("class", "x-axis"), ("font-size", n(tickSize)), ("fill", "#222222")])
        let base = area.y + area.height
        for t in xs.ticks where xs.shows(t.value) {
            let p = xs.position(t.value)
            doc.line(p, base, p, base + (t.label == nil ? 3 : 5), [("class", "tick"), ("stroke", "#333333")])
            guard let label = t.label else { continue }
            if rotate {
                doc.text(p, base + 14, label, [("class", "tick-label"), ("text-anchor", "end"),
                                                ("transform", "rotate(-35 \(n(p)) \(n(base + 14)))")])
            } else {
                doc.text(p, base + 8 + tickSize, label, [("class", "tick-label"), ("text-anchor", "middle")])
            }
        }
        doc.text(area.x + area.width / 2, base + 14 + xLabelDepth + 12, x.title,
                 [("class", "axis-title"), ("text-anchor", "middle"), ("font-size", "12")])
        doc.close()
        doc.open([("class", "y-axis"), ("font-size", n(tickSize)), ("fill", "#222222")])
        for t in ys.ticks where ys.shows(t.value) {
            let p = ys.position(t.value)
            doc.line(area.x - (t.label == nil ? 3 : 5), p, area.x, p, [("class", "tick"), ("stroke", "#333333")])
            if let label = t.label {
                doc.text(area.x - 8, p + tickSize * 0.35, label, [("class", "tick-label"), ("text-anchor", "end")])
            }
        }
        let cy = area.y + area.height / 2
        doc.text(16, cy, y.title, [("class", "axis-title"), ("text-anchor", "middle"), ("font-size", "12"),
                                   ("transform", "rotate(-90 16 \(n(cy)))")])
        doc.close()
    }

    private func drawErrorBars(_ doc: inout SVGDocument, _ p: PlotPoint, xs: PlotScale, ys: PlotScale, colour: String) {
        let px = xs.position(p.x)
        let py = ys.position(p.y)
        let cap = 3.0
        let attributes = [("stroke", colour), ("stroke-width", "1.1"), ("fill", "none")]
        let n = SVGDocument.number
        // An end outside the axis is drawn at the frame, without a cap.
        if let e = p.yError, e > 0 {
            let low = ys.position(p.y - e)
            let high = ys.position(p.y + e)
            var d = "M\(n(px)) \(n(low)) V\(n(high))"
            if ys.shows(p.y - e) { d += " M\(n(px - cap)) \(n(low)) H\(n(px + cap))" }
            if ys.shows(p.y + e) { d += " M\(n(px - cap)) \(n(high)) H\(n(px + cap))" }
            doc.element("path", [("class", "error-bar error-y"), ("d", d)] + attributes)
        }
        if let e = p.xError, e > 0 {
            let low = xs.position(p.x - e)
            let high = xs.position(p.x + e)
            var d = "M\(n(low)) \(n(py)) H\(n(high))"
            if xs.shows(p.x - e) { d += " M\(n(low)) \(n(py - cap)) V\(n(py + cap))" }
            if xs.shows(p.x + e) { d += " M\(n(high)) \(n(py - cap)) V\(n(py + cap))" }
            doc.element("path", [("class", "error-bar error-x"), ("d", d)] + attributes)
        }
    }

    private func drawLegend(_ doc: inout SVGDocument, entries: [PlotSeries], x: Double, y: Double, fontSize: Double) {
        guard !entries.isEmpty else { return }
        doc.open([("class", "legend"), ("font-size", SVGDocument.number(fontSize)), ("fill", "#222222")])
        for (row, s) in entries.enumerated() {
            let i = series.firstIndex(of: s) ?? row
            let cy = y + 10 + Double(row) * 18
            if s.connected {
                var attributes = [("stroke", PlotPalette.colour(i)), ("stroke-width", "1.6")]
                if let dash = PlotPalette.dash(i) { attributes.append(("stroke-dasharray", dash)) }
                doc.line(x + 2, cy, x + 30, cy, attributes)
            }
            doc.append(PlotPalette.markerElement(PlotPalette.marker(i), x: x + 16, y: cy, r: 4.5, className: "legend-marker",
                                                 colour: PlotPalette.colour(i), title: nil))
            doc.text(x + 38, cy + fontSize * 0.35, s.name, [("class", "legend-label")])
        }
        doc.close()
    }
}

import Foundation

/// How a plot axis maps data values to positions.
enum PlotScaleKind: Hashable, Sendable {
    case linear
    /// Base-10 logarithmic; only positive values can be shown.
    case log
    /// Evenly spaced named values; data value i is the i-th name.
    case categorical([String])
}

/// A mapping from data values to pixel positions along one axis, with its ticks.
struct PlotScale: Sendable {
    let kind: PlotScaleKind
    /// The data range shown.
    let domain: ClosedRange<Double>
    /// The pixel positions of the domain's lower and upper ends (the upper may be smaller, for y).
    let start: Double
    let end: Double
    let ticks: [PlotTick]

    /// A scale showing every finite value of `values` (non-positive ones are ignored on a log
    /// scale) between pixel positions `start` and `end`, padded so no point sits on the frame.
    /// A linear scale with an `upperLimit` (1 for a fraction) has no tick above it and ends just
    /// past it; values beyond it are clipped to the axis.
    init(kind: PlotScaleKind, values: [Double], start: Double, end: Double, upperLimit: Double? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        switch kind {
        case .linear:
            let limit = upperLimit ?? .infinity
            let finite = values.filter(\.isFinite).map { min($0, limit) }
            let low = finite.min() ?? 0
            let high = finite.max() ?? min(1, limit)
            let pad = high > low ? (high - low) * 0.04 : 0
            // Non-negative data keeps non-negative ticks: the padding below 0 stays unlabelled.
            let nice = PlotTicks.linear(lower: low >= 0 ? max(low - pad, 0) : low - pad, upper: min(high + pad, limit))
            let lower = low >= 0 && low - pad < 0 && nice.domain.lowerBound == 0 ? -0.03 * nice.domain.upperBound : nice.domain.lowerBound
            // Like the padding below 0, the padding past the limit stays unlabelled.
            let upper = nice.domain.upperBound >= limit ? limit + (high + pad > limit ? 0.03 * (limit - lower) : 0) : nice.domain.upperBound
            domain = lower...upper
            ticks = nice.ticks.filter { $0.value <= limit }
        case .log:
            let positive = values.filter { $0 > 0 && $0.isFinite }
            var low = log10(positive.min() ?? 0.1)
            var high = log10(positive.max() ?? 10)
            if high - low < 1e-9 {
                low -= 0.5
                high += 0.5
            } else {
                let pad = (high - low) * 0.04
                low -= pad
                high += pad
            }
            domain = pow(10, low)...pow(10, high)
            ticks = PlotTicks.log(lower: domain.lowerBound, upper: domain.upperBound)
        case let .categorical(names):
            domain = -0.5...(Double(max(names.count, 1)) - 0.5)
            ticks = names.enumerated().map { PlotTick(value: Double($0.offset), label: $0.element) }
        }
    }

    /// The pixel position of `value`, clamped to the axis (a non-positive value on a log scale sits at its lower end).
    func position(_ value: Double) -> Double {
        let fraction: Double
        switch kind {
        case .log:
            let v = value > 0 ? log10(value) : log10(domain.lowerBound)
            fraction = (v - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
        case .linear, .categorical:
            fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        }
        return start + min(max(fraction, 0), 1) * (end - start)
    }

    /// Whether `value` can be drawn at its true position.
    func shows(_ value: Double) -> Bool {
        guard value.isFinite, kind != .log || value > 0 else { return false }
        return domain.contains(value)
    }
}

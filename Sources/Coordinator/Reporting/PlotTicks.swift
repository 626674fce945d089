import Foundation

/// A tick mark of a plot axis; minor ticks have no label.
struct PlotTick: Hashable, Sendable {
    /// The data value at the tick.
    var value: Double
    /// The tick's label, nil for a minor tick.
    var label: String?
}

/// "Nice" tick positions and labels for linear and logarithmic axes.
enum PlotTicks {
    /// Linear ticks at multiples of 1, 2 or 5 × 10^k spaced so about `target` fall in the range,
    /// and the range widened to whole steps. Values are computed as integer × 10^k, not summed.
    /// An empty range is widened around its value first.
    static func linear(lower: Double, upper: Double, target: Int = 6) -> (domain: ClosedRange<Double>, ticks: [PlotTick]) {
        guard upper > lower else {
            let half = lower == 0 ? 1 : lower.magnitude / 2
            return linear(lower: lower - half, upper: lower + half, target: target)
        }
        let raw = (upper - lower) / Double(max(target - 1, 1))
        var exponent = Int(log10(raw).rounded(.down))
        let base = pow(10, Double(exponent))
        let ratio = raw / base
        var mantissa: Int64 = ratio >= 7.07 ? 10 : ratio >= 3.16 ? 5 : ratio >= 1.41 ? 2 : 1
        if mantissa == 10 {
            mantissa = 1
            exponent += 1
        }
        let step = decimal(mantissa, exponent)
        let first = Int64((lower / step).rounded(.down))
        let last = Int64((upper / step).rounded(.up))
        let ticks = (first...last).map { i in
            PlotTick(value: decimal(i * mantissa, exponent), label: fixedLabel(i * mantissa, exponent))
        }
        return (decimal(first * mantissa, exponent)...decimal(last * mantissa, exponent), ticks)
    }

    /// Logarithmic ticks inside `lower...upper` (both > 0): labelled decades with unlabelled minor
    /// ticks at 2–9 × 10^k when the range holds two decades or more (every n-th decade when it
    /// holds more than eight); otherwise labelled 1, 2, 5 × 10^k (or 1–9 × 10^k) ticks; linear
    /// ticks when even those are fewer than two.
    static func log(lower: Double, upper: Double) -> [PlotTick] {
        let tolerance = 1e-9
        let inside = { (v: Double) in v >= lower * (1 - tolerance) && v <= upper * (1 + tolerance) }
        let low = Int(log10(lower).rounded(.down))
        let high = Int(log10(upper).rounded(.up))
        let decades = (low...high).filter { inside(decimal(1, $0)) }
        if decades.count >= 2 {
            let stride = (decades.count + 7) / 8
            var ticks = decades.filter { $0 % stride == 0 }.map { PlotTick(value: decimal(1, $0), label: power($0)) }
            if stride == 1 {
                for k in low...high {
                    for j in Int64(2)...9 where inside(decimal(j, k)) { ticks.append(PlotTick(value: decimal(j, k), label: nil)) }
                }
            }
            return ticks.sorted { $0.value < $1.value }
        }
        for mantissas in [[1, 2, 5], Array(1...9)] as [[Int64]] {
            let values = (low...high).flatMap { k in mantissas.map { decimal($0, k) } }.filter(inside)
            if values.count >= 2 { return values.map { PlotTick(value: $0, label: label($0)) } }
        }
        return linear(lower: lower, upper: upper, target: 4).ticks.filter { inside($0.value) }
    }

    /// n × 10^k as the nearest double (dividing by an exact power of ten for negative k).
    static func decimal(_ n: Int64, _ k: Int) -> Double {
        k >= 0 ? Double(n) * pow(10, Double(k)) : Double(n) / pow(10, Double(-k))
    }

    /// A label for any value: 3 significant digits, powers of ten as `2.5×10⁻⁵` where `%g` would use `e`.
    static func label(_ v: Double) -> String {
        let text = NumberFormat.significant(v, digits: 3)
        guard let e = text.firstIndex(of: "e") else { return text }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        let mantissa = String(text[..<e])
        return mantissa == "1" ? power(exponent) : mantissa + "×" + power(exponent)
    }

    /// `10` with a superscript exponent, e.g. `10⁻³`.
    static func power(_ k: Int) -> String {
        "10" + superscript(k)
    }

    /// An integer in Unicode superscript digits (`−` as `⁻`).
    static func superscript(_ k: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (k < 0 ? "⁻" : "") + String(String(k.magnitude).map { digits[Int($0.asciiValue! - 48)] })
    }

    /// n × 10^k written exactly with max(0, −k) decimals; scientific beyond 10⁶ or below 10⁻³.
    private static func fixedLabel(_ n: Int64, _ k: Int) -> String {
        if n == 0 { return "0" }
        let value = decimal(n, k)
        if value.magnitude >= 1e6 || value.magnitude < 1e-3 { return label(value) }
        let sign = n < 0 ? "-" : ""
        var digits = String(n.magnitude)
        if k >= 0 { return sign + digits + String(repeating: "0", count: k) }
        let decimals = -k
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -decimals)
        return sign + digits[..<split] + "." + digits[split...]
    }
}

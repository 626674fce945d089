import Foundation

/// Locale-independent number formatting for tables.
enum NumberFormat {
    /// `%g`-style: `digits` significant digits, scientific below 1e-4 or from 10^digits; trailing
    /// zeros are dropped unless `keepZeros` (`%#g`-style, for columns of equal precision).
    static func significant(_ x: Double, digits: Int, keepZeros: Bool = false) -> String {
        let trimmed = { (s: String) in keepZeros ? s : Self.trimmed(s) }
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        let sign = x < 0 ? "-" : ""
        let a = abs(x)
        var e = Int(log10(a).rounded(.down))
        var d = scaled(a, shift: digits - 1 - e).rounded()
        if d >= pow(10, Double(digits)) {
            e += 1
            d = scaled(a, shift: digits - 1 - e).rounded()
        } else if d < pow(10, Double(digits - 1)) {
            e -= 1
            d = scaled(a, shift: digits - 1 - e).rounded()
        }
        let text = String(Int64(d))
        if e < -4 || e >= digits {
            let mantissa = digits == 1 ? text : trimmed(String(text.prefix(1)) + "." + String(text.dropFirst()))
            let exponent = String(abs(e))
            return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (exponent.count < 2 ? "0" + exponent : exponent)
        }
        if e >= digits - 1 { return sign + text }
        let decimals = digits - 1 - e
        let padded = String(repeating: "0", count: max(0, decimals + 1 - text.count)) + text
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        return sign + trimmed(String(padded[..<split]) + "." + String(padded[split...]))
    }

    /// Swift's shortest round-trip form (`0.05`, `1e-07`, `5.0`), for machine-readable output.
    static func exact(_ x: Double) -> String { x.description }

    /// a · 10^shift, dividing by an exact power of ten for negative shifts.
    private static func scaled(_ a: Double, shift: Int) -> Double {
        shift >= 0 ? a * pow(10, Double(shift)) : a / pow(10, Double(-shift))
    }

    private static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }
}

import Foundation

/// Student's t distribution: its upper tail through the regularized incomplete beta function,
/// and its quantiles by bisection on that tail.
public enum StudentT {
    /// The quantile t_{p,ν}: the t with P(T ≤ t) = p for ν degrees of freedom; p in (0, 1), ν > 0.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1 && nu > 0, "quantile needs 0 < p < 1 and ν > 0")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        let tail = 1 - p
        var low = 0.0, high = 1.0
        while upperTail(high, degreesOfFreedom: nu) > tail { high *= 2 }
        while true {
            let middle = low + (high - low) / 2
            if middle <= low || middle >= high { return middle }
            if upperTail(middle, degreesOfFreedom: nu) > tail { low = middle } else { high = middle }
        }
    }

    /// P(T > t) for t ≥ 0: I_{ν/(ν+t²)}(ν/2, 1/2) / 2.
    public static func upperTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(t >= 0, "upperTail needs t ≥ 0")
        return regularizedBeta(nu / (nu + t * t), a: nu / 2, b: 0.5) / 2
    }

    /// The regularized incomplete beta function I_x(a, b), by its continued fraction (modified
    /// Lentz), on the side of the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges fast.
    static func regularizedBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction of I_x(a, b) (Numerical Recipes' `betacf`), to machine precision.
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) <= Double.ulpOfOne { break }
        }
        return h
    }
}

// exp, log and cos in a fixed sequence of double operations, so they give the same bits on every
// CPU (glibc picks FMA variants of its own by CPU, which round some arguments differently).
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"

#include <stdint.h>
#include <string.h>

static inline uint64_t bits_of(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static inline double double_of(uint64_t b) {
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

/// 2^k for −1022 ≤ k ≤ 1023.
static inline double power_of_two(int k) { return double_of((uint64_t)(k + 1023) << 52); }

/// x rounded to the nearest integer (ties to even) for |x| < 2^51, in the default rounding mode.
static inline double round_to_integer(double x) {
    const double shift = 0x1.8p52;
    return (x + shift) - shift;
}

/// c[0]·z^(n−1) + c[1]·z^(n−2) + … + c[n−1] by Horner's rule: p = c[0], then p = c[i] + z·p for
/// i = 1 … n − 1, each step one multiplication and one addition, rounded separately.
static inline double horner(const double *c, int n, double z) {
    double p = c[0];
    for (int i = 1; i < n; i++) p = c[i] + z * p;
    return p;
}

// ln 2 = ln2_hi + ln2_lo, ln2_hi with 32 significant bits (k·ln2_hi is exact for |k| < 2^21).
static const double ln2_hi = 0x1.62e42feep-1, ln2_lo = 0x1.a39ef35793c76p-33;

double ck_exp(double x) {
    if (x != x) return x;
    if (x > 0x1.62e42fefa39efp+9) return __builtin_inf();
    if (x < -0x1.74910d52d3052p+9) return 0;
    double k = round_to_integer(x * 0x1.71547652b82fep+0);
    double r = (x - k * ln2_hi) - k * ln2_lo;
    // e^r − 1 − r by its Taylor series to r¹³ (|r| ≤ 0.35: the next term is below 2^−57).
    static const double taylor[] = {
        1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
        1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5,
    };
    double p = horner(taylor, 12, r);
    double y = 1.0 + (r + (r * r) * p);
    int n = (int)k;
    if (n > 1023) return y * power_of_two(1023) * power_of_two(n - 1023);
    if (n < -1022) return y * power_of_two(n + 1022) * power_of_two(-1022);
    return y * power_of_two(n);
}

double ck_log(double x) {
    if (x != x) return x;
    if (x < 0) return __builtin_nan("");
    if (x == 0) return -__builtin_inf();
    if (x == __builtin_inf()) return x;
    int e = 0;
    if (x < 0x1p-1022) {
        x *= 0x1p54;
        e = -54;
    }
    uint64_t b = bits_of(x);
    e += (int)(b >> 52) - 1023;
    double m = double_of((b & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
    if (m > 0x1.6a09e667f3bcdp+0) {
        m *= 0.5;
        e += 1;
    }
    // m ∈ [√½, √2]: log m = log(1 + f) = f − f²/2 + s·(f²/2 + R) with s = f/(2 + f), z = s²,
    // R = Σ_{j≥1} 2z^j/(2j + 1) (z ≤ 0.0295, so ten terms).
    double f = m - 1.0;
    double s = f / (2.0 + f);
    double z = s * s;
    static const double series[] = {
        2.0 / 21.0, 2.0 / 19.0, 2.0 / 17.0, 2.0 / 15.0, 2.0 / 13.0, 2.0 / 11.0, 2.0 / 9.0, 2.0 / 7.0, 2.0 / 5.0, 2.0 / 3.0,
    };
    double big_r = z * horner(series, 10, z);
    double half_square = 0.5 * f * f;
    double k = (double)e;
    double low = k * ln2_lo + s * (half_square + big_r);
    return k * ln2_hi + (f - (half_square - low));
}

/// cos r for |r| ≤ π/4: 1 − r²/2 + r⁴·C(r²) by Taylor's series to r¹⁸, with the rounding error of
/// 1 − r²/2 carried.
static double cos_kernel(double r) {
    static const double taylor[] = {
        -1.0 / 6402373705728000.0, 1.0 / 20922789888000.0, -1.0 / 87178291200.0, 1.0 / 479001600.0,
        -1.0 / 3628800.0, 1.0 / 40320.0, -1.0 / 720.0, 1.0 / 24.0,
    };
    double z = r * r;
    double c = horner(taylor, 8, z);
    double half = 0.5 * z;
    double w = 1.0 - half;
    return w + (((1.0 - w) - half) + (z * z) * c);
}

/// sin r for |r| ≤ π/4: r + r³·S(r²) by Taylor's series to r¹⁷.
static double sin_kernel(double r) {
    static const double taylor[] = {
        1.0 / 355687428096000.0, -1.0 / 1307674368000.0, 1.0 / 6227020800.0, -1.0 / 39916800.0,
        1.0 / 362880.0, -1.0 / 5040.0, 1.0 / 120.0, -1.0 / 6.0,
    };
    double z = r * r;
    return r + (r * z) * horner(taylor, 8, z);
}

double ck_cos(double x) {
    double a = x < 0 ? -x : x;
    if (!(a < 0x1.921fb54442d18p+20)) return __builtin_nan("");
    if (a <= 0x1.921fb54442d18p-1) return cos_kernel(a);
    // π/2 = p1 + p2 + p3, p1 and p2 with 33 significant bits (n·p1, n·p2 exact for n < 2^20).
    double n = round_to_integer(a * 0x1.45f306dc9c883p-1);
    double r = ((a - n * 0x1.921fb544p+0) - n * 0x1.0b4611a6p-34) - n * 0x1.3198a2e037073p-69;
    switch ((int)n & 3) {
    case 0: return cos_kernel(r);
    case 1: return -sin_kernel(r);
    case 2: return -cos_kernel(r);
    default: return sin_kernel(r);
    }
}

// Private to CKernels: target attributes and the lane-sum order shared by the single and the
// batched least-squares kernels, so both reduce a dot product's 8 lanes identically.
#ifndef CKERNELS_LANE_SUMS_H
#define CKERNELS_LANE_SUMS_H

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))
#define AVX512 __attribute__((target("avx2,fma,avx512f,avx512vl")))
#define INLINE static inline __attribute__((always_inline))

/// ((s₀ + s₄) + (s₂ + s₆)) + ((s₁ + s₅) + (s₃ + s₇)) for lanes s₀…s₃ in `lo`, s₄…s₇ in `hi`.
AVX2 INLINE double sum_lanes_avx2(__m256d lo, __m256d hi) {
    __m256d s = _mm256_add_pd(lo, hi);
    __m128d t = _mm_add_pd(_mm256_castpd256_pd128(s), _mm256_extractf128_pd(s, 1));
    return _mm_cvtsd_f64(_mm_add_sd(t, _mm_unpackhi_pd(t, t)));
}

/// The lanes of `a` summed in the order of ``sum_lanes_avx2``.
AVX512 INLINE double sum_lanes_avx512(__m512d a) {
    return sum_lanes_avx2(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd(a, 1));
}

/// The lane sums of eight vectors in one, each summed in the order of ``sum_lanes_avx2``:
/// lane k holds the sum of the vector in s[slot(k)] with slots 0, 4, 1, 5, 2, 6, 3, 7 for k = 0…7.
AVX512 INLINE __m512d sum_lanes8_avx512(const __m512d s[8]) {
    // Halves: [a₀+a₄, a₁+a₅, a₂+a₆, a₃+a₇, b₀+b₄, …] for the vector pairs (0,1), (2,3), (4,5), (6,7).
    __m512d t01 = _mm512_add_pd(_mm512_shuffle_f64x2(s[0], s[1], 0x44), _mm512_shuffle_f64x2(s[0], s[1], 0xEE));
    __m512d t23 = _mm512_add_pd(_mm512_shuffle_f64x2(s[2], s[3], 0x44), _mm512_shuffle_f64x2(s[2], s[3], 0xEE));
    __m512d t45 = _mm512_add_pd(_mm512_shuffle_f64x2(s[4], s[5], 0x44), _mm512_shuffle_f64x2(s[4], s[5], 0xEE));
    __m512d t67 = _mm512_add_pd(_mm512_shuffle_f64x2(s[6], s[7], 0x44), _mm512_shuffle_f64x2(s[6], s[7], 0xEE));
    // Quarters: [(a₀+a₄)+(a₂+a₆), (a₁+a₅)+(a₃+a₇), b…, c…, d…] for vectors 0–3 and 4–7.
    __m512d u0 = _mm512_add_pd(_mm512_shuffle_f64x2(t01, t23, 0x88), _mm512_shuffle_f64x2(t01, t23, 0xDD));
    __m512d u1 = _mm512_add_pd(_mm512_shuffle_f64x2(t45, t67, 0x88), _mm512_shuffle_f64x2(t45, t67, 0xDD));
    // Eighths: the two quarter sums of each vector added, vectors in slots 0, 4, 1, 5, 2, 6, 3, 7.
    return _mm512_add_pd(_mm512_unpacklo_pd(u0, u1), _mm512_unpackhi_pd(u0, u1));
}
#endif

#endif

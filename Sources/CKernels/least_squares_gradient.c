// The fused least-squares gradient of ckernels.h in three builds: portable C, AVX2 + FMA3 and
// AVX-512. All three follow the arithmetic documented in the header, so they give the same bits.
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"
#include "lane_sums.h"

#include <math.h>

/// Z_i·x for the row `row` of `d` columns: a fused multiply-add chain from +0 in each of 8 lanes
/// (column j in lane j mod 8), the lanes summed in the order of ``sum_lanes_avx2``.
static inline double row_dot_portable(const double *row, const double *x, ptrdiff_t d) {
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (ptrdiff_t j = 0; j < d; j++) s[j & 7] = fma(row[j], x[j], s[j & 7]);
    return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
}

static double gradient_portable(
    const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t n, ptrdiff_t d,
    const double *x, double *residual, double *gradient, double inverse_rows) {
    double sum = 0;
    for (ptrdiff_t i = 0; i < n; i++) {
        const double *row = design + i * stride;
        double r = row_dot_portable(row, x, d) + negated_labels[i];
        residual[i] = r;
        sum += r * r;
        double c = r * inverse_rows;
        for (ptrdiff_t j = 0; j < d; j++) gradient[j] = fma(c, row[j], gradient[j]);
    }
    return sum;
}

#if defined(__x86_64__)
#ifndef CK_TWO_PASS_LIMIT
#define CK_TWO_PASS_LIMIT 16384
#endif

/// The 8 lanes of Z_k·x for rows k < R (R ≤ 4) in `lo` (columns j ≡ 0…3 mod 8) and `hi` (4…7),
/// each a fused multiply-add chain over j ascending from +0.
AVX2 INLINE void row_dots_avx2(
    const double *row, ptrdiff_t stride, ptrdiff_t d, const double *x, __m256d lo[4], __m256d hi[4], const int R) {
    for (int k = 0; k < R; k++) lo[k] = hi[k] = _mm256_setzero_pd();
    ptrdiff_t j = 0;
    for (; j + 8 <= d; j += 8) {
        __m256d xl = _mm256_loadu_pd(x + j), xh = _mm256_loadu_pd(x + j + 4);
        for (int k = 0; k < R; k++) {
            lo[k] = _mm256_fmadd_pd(_mm256_loadu_pd(row + k * stride + j), xl, lo[k]);
            hi[k] = _mm256_fmadd_pd(_mm256_loadu_pd(row + k * stride + j + 4), xh, hi[k]);
        }
    }
    ptrdiff_t rest = d - j;
    if (rest > 0) {
        // Masked-off lanes load as 0 and add 0·0 to a lane, which leaves it unchanged.
        __m256i count = _mm256_set1_epi64x(rest);
        __m256i ml = _mm256_cmpgt_epi64(count, _mm256_setr_epi64x(0, 1, 2, 3));
        __m256i mh = _mm256_cmpgt_epi64(count, _mm256_setr_epi64x(4, 5, 6, 7));
        __m256d xl = _mm256_maskload_pd(x + j, ml), xh = _mm256_maskload_pd(x + j + 4, mh);
        for (int k = 0; k < R; k++) {
            lo[k] = _mm256_fmadd_pd(_mm256_maskload_pd(row + k * stride + j, ml), xl, lo[k]);
            if (rest > 4) hi[k] = _mm256_fmadd_pd(_mm256_maskload_pd(row + k * stride + j + 4, mh), xh, hi[k]);
        }
    }
}

/// Rows i … i + R − 1 (R ≤ 4): their residuals, then their share of the gradient. Returns the
/// running sum of squared residuals.
AVX2 INLINE double rows_avx2(
    const double *row, ptrdiff_t stride, const double *negated_labels, ptrdiff_t d, const double *x, double *residual,
    double *gradient, double inverse_rows, double sum, const int R) {
    __m256d lo[4], hi[4];
    row_dots_avx2(row, stride, d, x, lo, hi, R);
    double c[4];
    __m256d cv[4];
    for (int k = 0; k < R; k++) {
        double r = sum_lanes_avx2(lo[k], hi[k]) + negated_labels[k];
        residual[k] = r;
        sum += r * r;
        c[k] = r * inverse_rows;
        cv[k] = _mm256_set1_pd(c[k]);
    }
    ptrdiff_t j = 0;
    for (; j + 4 <= d; j += 4) {
        __m256d g = _mm256_loadu_pd(gradient + j);
        for (int k = 0; k < R; k++) g = _mm256_fmadd_pd(cv[k], _mm256_loadu_pd(row + k * stride + j), g);
        _mm256_storeu_pd(gradient + j, g);
    }
    for (; j < d; j++) {
        double g = gradient[j];
        for (int k = 0; k < R; k++) g = fma(c[k], row[k * stride + j], g);
        gradient[j] = g;
    }
    return sum;
}

AVX2 static double gradient_avx2(
    const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t n, ptrdiff_t d,
    const double *x, double *residual, double *gradient, double inverse_rows) {
    double sum = 0;
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4) {
        sum = rows_avx2(design + i * stride, stride, negated_labels + i, d, x, residual + i, gradient, inverse_rows, sum, 4);
    }
    for (; i < n; i++) {
        sum = rows_avx2(design + i * stride, stride, negated_labels + i, d, x, residual + i, gradient, inverse_rows, sum, 1);
    }
    return sum;
}

/// Lane sums s_l of Z_i·x for the R ≤ 8 rows at `row` (accumulators in slot order, see
/// ``sum_lanes8_avx512``: row k in `s[slot[k]]`).
AVX512 INLINE void dot_lanes_avx512(
    const double *row, ptrdiff_t stride, ptrdiff_t d, const double *x, __m512d s[8], const int R) {
    static const int slot[8] = {0, 4, 1, 5, 2, 6, 3, 7};
    for (int k = 0; k < R; k++) s[slot[k]] = _mm512_setzero_pd();
    ptrdiff_t j = 0;
    for (; j + 8 <= d; j += 8) {
        __m512d xv = _mm512_loadu_pd(x + j);
        for (int k = 0; k < R; k++) {
            s[slot[k]] = _mm512_fmadd_pd(_mm512_loadu_pd(row + k * stride + j), xv, s[slot[k]]);
        }
    }
    __mmask8 tail = (__mmask8)((1u << (d - j)) - 1);
    if (tail) {
        // Masked-off lanes load as 0 and add 0·0 to a lane, which leaves it unchanged.
        __m512d xv = _mm512_maskz_loadu_pd(tail, x + j);
        for (int k = 0; k < R; k++) {
            s[slot[k]] = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(tail, row + k * stride + j), xv, s[slot[k]]);
        }
    }
}

/// The residuals of rows i … i + R − 1 (R = 8 or 1) into `residual`; returns the running Σ r².
AVX512 INLINE double residuals_avx512(
    const double *row, ptrdiff_t stride, const double *negated_labels, ptrdiff_t d, const double *x,
    double *residual, double sum, const int R) {
    __m512d s[8];
    dot_lanes_avx512(row, stride, d, x, s, R);
    if (R == 8) {
        _mm512_storeu_pd(residual, _mm512_add_pd(sum_lanes8_avx512(s), _mm512_loadu_pd(negated_labels)));
    } else {
        residual[0] = sum_lanes_avx512(s[0]) + negated_labels[0];
    }
    for (int k = 0; k < R; k++) sum += residual[k] * residual[k];
    return sum;
}

/// g += Σ_k c_k·Z_k over the R rows at `row`, c_k = r_k/n, in chunks of 8 columns.
AVX512 INLINE void add_rows_avx512(
    const double *row, ptrdiff_t stride, ptrdiff_t d, const double *residual, double inverse_rows,
    double *gradient, const int R) {
    __m512d c[8];
    for (int k = 0; k < R; k++) c[k] = _mm512_set1_pd(residual[k] * inverse_rows);
    ptrdiff_t j = 0;
    for (; j + 8 <= d; j += 8) {
        __m512d g = _mm512_loadu_pd(gradient + j);
        for (int k = 0; k < R; k++) g = _mm512_fmadd_pd(c[k], _mm512_loadu_pd(row + k * stride + j), g);
        _mm512_storeu_pd(gradient + j, g);
    }
    __mmask8 tail = (__mmask8)((1u << (d - j)) - 1);
    if (tail) {
        __m512d g = _mm512_maskz_loadu_pd(tail, gradient + j);
        for (int k = 0; k < R; k++) g = _mm512_fmadd_pd(c[k], _mm512_maskz_loadu_pd(tail, row + k * stride + j), g);
        _mm512_mask_storeu_pd(gradient + j, tail, g);
    }
}

/// One pass over Z: each group of 8 rows gives its residuals, then its share of g while in cache.
AVX512 static double gradient_fused_avx512(
    const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t n, ptrdiff_t d,
    const double *x, double *residual, double *gradient, double inverse_rows) {
    double sum = 0;
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const double *row = design + i * stride;
        sum = residuals_avx512(row, stride, negated_labels + i, d, x, residual + i, sum, 8);
        add_rows_avx512(row, stride, d, residual + i, inverse_rows, gradient, 8);
    }
    for (; i < n; i++) {
        const double *row = design + i * stride;
        sum = residuals_avx512(row, stride, negated_labels + i, d, x, residual + i, sum, 1);
        add_rows_avx512(row, stride, d, residual + i, inverse_rows, gradient, 1);
    }
    return sum;
}

/// g_j for the K ≤ 16 chunks of 8 columns at `column` (the last one masked by `last`), kept in
/// registers while every row adds c_i·Z_ij.
AVX512 INLINE void column_block_avx512(
    const double *column, ptrdiff_t stride, ptrdiff_t n, const double *residual, double inverse_rows,
    double *gradient, __mmask8 last, const int K) {
    __m512d g[16];
    for (int k = 0; k < K; k++) g[k] = _mm512_setzero_pd();
    for (ptrdiff_t i = 0; i < n; i++) {
        const double *row = column + i * stride;
        __m512d c = _mm512_set1_pd(residual[i] * inverse_rows);
        for (int k = 0; k < K - 1; k++) g[k] = _mm512_fmadd_pd(c, _mm512_loadu_pd(row + 8 * k), g[k]);
        g[K - 1] = _mm512_fmadd_pd(c, _mm512_maskz_loadu_pd(last, row + 8 * (K - 1)), g[K - 1]);
    }
    for (int k = 0; k < K - 1; k++) _mm512_storeu_pd(gradient + 8 * k, g[k]);
    _mm512_mask_storeu_pd(gradient + 8 * (K - 1), last, g[K - 1]);
}

/// Two passes over Z, for a Z that stays in cache: all residuals, then g one block of up to 128
/// columns at a time with the block in registers, so neither pass reloads or stores a partial g.
AVX512 static double gradient_two_pass_avx512(
    const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t n, ptrdiff_t d,
    const double *x, double *residual, double *gradient, double inverse_rows) {
    double sum = 0;
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        sum = residuals_avx512(design + i * stride, stride, negated_labels + i, d, x, residual + i, sum, 8);
    }
    for (; i < n; i++) {
        sum = residuals_avx512(design + i * stride, stride, negated_labels + i, d, x, residual + i, sum, 1);
    }
    for (ptrdiff_t j = 0; j < d; j += 128) {
        ptrdiff_t width = d - j < 128 ? d - j : 128;
        int chunks = (int)((width + 7) / 8);
        __mmask8 last = (__mmask8)(0xFFu >> (8 * chunks - width));
        const double *column = design + j;
        double *g = gradient + j;
        switch (chunks) {
#define BLOCK(K) case K: column_block_avx512(column, stride, n, residual, inverse_rows, g, last, K); break;
        BLOCK(1) BLOCK(2) BLOCK(3) BLOCK(4) BLOCK(5) BLOCK(6) BLOCK(7) BLOCK(8)
        BLOCK(9) BLOCK(10) BLOCK(11) BLOCK(12) BLOCK(13) BLOCK(14) BLOCK(15) BLOCK(16)
#undef BLOCK
        }
    }
    return sum;
}
#endif

double ck_least_squares_gradient(
    ck_isa isa, const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t rows, ptrdiff_t columns,
    const double *x, double *residual, double *gradient) {
    double inverse_rows = 1.0 / (double)rows;
    for (ptrdiff_t j = 0; j < columns; j++) gradient[j] = 0;
    double sum;
    switch (isa) {
#if defined(__x86_64__)
    case CK_ISA_AVX512:
        sum = rows * columns <= CK_TWO_PASS_LIMIT
            ? gradient_two_pass_avx512(design, stride, negated_labels, rows, columns, x, residual, gradient, inverse_rows)
            : gradient_fused_avx512(design, stride, negated_labels, rows, columns, x, residual, gradient, inverse_rows);
        break;
    case CK_ISA_AVX2:
        sum = gradient_avx2(design, stride, negated_labels, rows, columns, x, residual, gradient, inverse_rows);
        break;
#endif
    default:
        sum = gradient_portable(design, stride, negated_labels, rows, columns, x, residual, gradient, inverse_rows);
        break;
    }
    return 0.5 * inverse_rows * sum;
}

#if defined(__x86_64__)
/// Σ r² over rows i … i + R − 1 (R ≤ 4) added to `sum`, r = Z_i·x − y_i with Z_i·x as in ``rows_avx2``.
AVX2 INLINE double loss_rows_avx2(
    const double *row, ptrdiff_t stride, const double *labels, ptrdiff_t d, const double *x, double *residual,
    double sum, const int R) {
    __m256d lo[4], hi[4];
    row_dots_avx2(row, stride, d, x, lo, hi, R);
    for (int k = 0; k < R; k++) {
        double r = sum_lanes_avx2(lo[k], hi[k]) - labels[k];
        residual[k] = r;
        sum += r * r;
    }
    return sum;
}

AVX2 static double loss_avx2(
    const double *design, ptrdiff_t stride, const double *labels, ptrdiff_t n, ptrdiff_t d, const double *x,
    double *residual) {
    double sum = 0;
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4) sum = loss_rows_avx2(design + i * stride, stride, labels + i, d, x, residual + i, sum, 4);
    for (; i < n; i++) sum = loss_rows_avx2(design + i * stride, stride, labels + i, d, x, residual + i, sum, 1);
    return sum;
}

AVX512 static double loss_avx512(
    const double *design, ptrdiff_t stride, const double *labels, ptrdiff_t n, ptrdiff_t d, const double *x,
    double *residual) {
    double sum = 0;
    __m512d s[8];
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        dot_lanes_avx512(design + i * stride, stride, d, x, s, 8);
        _mm512_storeu_pd(residual + i, _mm512_sub_pd(sum_lanes8_avx512(s), _mm512_loadu_pd(labels + i)));
        for (int k = 0; k < 8; k++) sum += residual[i + k] * residual[i + k];
    }
    for (; i < n; i++) {
        dot_lanes_avx512(design + i * stride, stride, d, x, s, 1);
        residual[i] = sum_lanes_avx512(s[0]) - labels[i];
        sum += residual[i] * residual[i];
    }
    return sum;
}
#endif

double ck_least_squares_loss(
    ck_isa isa, const double *design, ptrdiff_t stride, const double *labels, ptrdiff_t rows, ptrdiff_t columns,
    const double *x, double *residual) {
    if (rows <= 0) return 0;
    double inverse_rows = 1.0 / (double)rows;
    double sum = 0;
    switch (isa) {
#if defined(__x86_64__)
    case CK_ISA_AVX512:
        sum = loss_avx512(design, stride, labels, rows, columns, x, residual);
        break;
    case CK_ISA_AVX2:
        sum = loss_avx2(design, stride, labels, rows, columns, x, residual);
        break;
#endif
    default:
        for (ptrdiff_t i = 0; i < rows; i++) {
            double r = row_dot_portable(design + i * stride, x, columns) - labels[i];
            residual[i] = r;
            sum += r * r;
        }
        break;
    }
    return 0.5 * inverse_rows * sum;
}

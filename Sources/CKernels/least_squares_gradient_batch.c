// The batched least-squares gradient of ckernels.h: T predictors against the same Z, blocked like
// a matrix–matrix product so that every row of Z is loaded once per block for all T. Each trial's
// arithmetic is the single kernel's (same fused multiply-add chains in the same order), so each
// trial gets the bits of ck_least_squares_gradient.
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"
#include "lane_sums.h"

/// Rows of Z per block: the block is read from memory for the dot products and read again, from
/// cache, for the gradient, so it should stay in the last-level cache.
#ifndef CK_BATCH_BLOCK_BYTES
#define CK_BATCH_BLOCK_BYTES (4 << 20)
#endif

/// Rows per panel of the gradient pass: a panel's columns of one group stay in L1.
#ifndef CK_BATCH_PANEL
#define CK_BATCH_PANEL 32
#endif

/// Columns per slice of the dot products: a slice of 4 rows and of 4 predictors stays in L1.
#ifndef CK_BATCH_SLICE
#define CK_BATCH_SLICE 512
#endif

/// Rows per block for Z with `columns` columns: a multiple of 4 (at least 4), at most `rows`.
static ptrdiff_t block_rows(ptrdiff_t rows, ptrdiff_t columns) {
    ptrdiff_t b = CK_BATCH_BLOCK_BYTES / (8 * (columns > 0 ? columns : 1));
    b = b < 4 ? 4 : b & ~(ptrdiff_t)3;
    return b < rows ? b : rows;
}

ptrdiff_t ck_least_squares_batch_workspace(ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t trials) {
    return block_rows(rows, columns) * trials * 9;
}

#if defined(__x86_64__)
/// Adds columns [j, end) of R ≤ 4 rows times U ≤ 4 predictors to their 8-lane accumulators at
/// `acc` (row k, predictor u at acc + k·row_step + 8u), starting from +0 when `first`. Columns
/// past a multiple of 8 (only in the last slice) load as 0 and leave the lanes unchanged.
AVX512 INLINE void dots_avx512(
    const double *row, ptrdiff_t stride, const double *const *x, ptrdiff_t j, ptrdiff_t end, double *acc,
    ptrdiff_t row_step, int first, const int R, const int U) {
    __m512d s[4][4];
    for (int k = 0; k < R; k++) {
        for (int u = 0; u < U; u++) s[k][u] = first ? _mm512_setzero_pd() : _mm512_loadu_pd(acc + k * row_step + 8 * u);
    }
    for (; j + 8 <= end; j += 8) {
        __m512d z[4];
        for (int k = 0; k < R; k++) z[k] = _mm512_loadu_pd(row + k * stride + j);
        for (int u = 0; u < U; u++) {
            __m512d xv = _mm512_loadu_pd(x[u] + j);
            for (int k = 0; k < R; k++) s[k][u] = _mm512_fmadd_pd(z[k], xv, s[k][u]);
        }
    }
    if (j < end) {
        __mmask8 tail = (__mmask8)((1u << (end - j)) - 1);
        __m512d z[4];
        for (int k = 0; k < R; k++) z[k] = _mm512_maskz_loadu_pd(tail, row + k * stride + j);
        for (int u = 0; u < U; u++) {
            __m512d xv = _mm512_maskz_loadu_pd(tail, x[u] + j);
            for (int k = 0; k < R; k++) s[k][u] = _mm512_fmadd_pd(z[k], xv, s[k][u]);
        }
    }
    for (int k = 0; k < R; k++) {
        for (int u = 0; u < U; u++) _mm512_storeu_pd(acc + k * row_step + 8 * u, s[k][u]);
    }
}

/// Adds Σ_i c_ui·Z_ij over the block's rows (c_ui at coefficients[i·row_step + u]) to g_u for K ≤ 4 chunks of 8 columns at `column`
/// (the last chunk masked by `last`) and U ≤ 4 predictors, with the chunks in registers.
AVX512 INLINE void gradients_avx512(
    const double *column, ptrdiff_t stride, ptrdiff_t rows, const double *coefficients, ptrdiff_t row_step,
    double *const *gradient, ptrdiff_t j, __mmask8 last, const int K, const int U) {
    __m512d g[4][4];
    for (int u = 0; u < U; u++) {
        for (int k = 0; k < K - 1; k++) g[k][u] = _mm512_loadu_pd(gradient[u] + j + 8 * k);
        g[K - 1][u] = _mm512_maskz_loadu_pd(last, gradient[u] + j + 8 * (K - 1));
    }
    for (ptrdiff_t i = 0; i < rows; i++) {
        const double *row = column + i * stride;
        __m512d z[4];
        for (int k = 0; k < K - 1; k++) z[k] = _mm512_loadu_pd(row + 8 * k);
        z[K - 1] = _mm512_maskz_loadu_pd(last, row + 8 * (K - 1));
        for (int u = 0; u < U; u++) {
            __m512d c = _mm512_set1_pd(coefficients[i * row_step + u]);
            for (int k = 0; k < K; k++) g[k][u] = _mm512_fmadd_pd(c, z[k], g[k][u]);
        }
    }
    for (int u = 0; u < U; u++) {
        for (int k = 0; k < K - 1; k++) _mm512_storeu_pd(gradient[u] + j + 8 * k, g[k][u]);
        _mm512_mask_storeu_pd(gradient[u] + j + 8 * (K - 1), last, g[K - 1][u]);
    }
}

/// The batch on AVX-512, one block of rows at a time: (1) the 8 lane sums of every row·predictor
/// dot product, slice by slice of columns; (2) the residuals, Σ r² and c = r/n, row by row;
/// (3) every g_u += Σ_i c_ui·Z_i over the block, 32 columns at a time. Rows stay ascending in
/// every chain, so each predictor gets the single kernel's bits.
AVX512 static void batch_avx512(
    const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t n, ptrdiff_t d, ptrdiff_t trials,
    const double *const *x, double *const *residual, double *const *gradient, double *sums, double *workspace,
    double inverse_rows) {
    static const int slot[8] = {0, 4, 1, 5, 2, 6, 3, 7};
    const ptrdiff_t block = block_rows(n, d), row_step = 8 * trials;
    const __m512d inverse = _mm512_set1_pd(inverse_rows);
    double *acc = workspace, *coefficients = workspace + block * row_step;
    for (ptrdiff_t i0 = 0; i0 < n; i0 += block) {
        const ptrdiff_t rows = n - i0 < block ? n - i0 : block;
        for (ptrdiff_t j = 0; j < d; j += CK_BATCH_SLICE) {
            ptrdiff_t end = d - j < CK_BATCH_SLICE ? d : j + CK_BATCH_SLICE;
            for (ptrdiff_t i = 0; i < rows; i += 4) {
                const int R = rows - i < 4 ? (int)(rows - i) : 4;
                const double *row = design + (i0 + i) * stride;
                for (ptrdiff_t t = 0; t < trials; t += 4) {
                    const int U = trials - t < 4 ? (int)(trials - t) : 4;
                    double *a = acc + i * row_step + 8 * t;
                    switch (R * 8 + U) {
#define DOTS(r, u) case r * 8 + u: dots_avx512(row, stride, x + t, j, end, a, row_step, j == 0, r, u); break;
                    DOTS(1, 1) DOTS(1, 2) DOTS(1, 3) DOTS(1, 4) DOTS(2, 1) DOTS(2, 2) DOTS(2, 3) DOTS(2, 4)
                    DOTS(3, 1) DOTS(3, 2) DOTS(3, 3) DOTS(3, 4) DOTS(4, 1) DOTS(4, 2) DOTS(4, 3) DOTS(4, 4)
#undef DOTS
                    }
                }
            }
        }
        for (ptrdiff_t i = 0; i < rows; i++) {
            const __m512d label = _mm512_set1_pd(negated_labels[i0 + i]);
            for (ptrdiff_t t = 0; t < trials; t += 8) {
                const int V = trials - t < 8 ? (int)(trials - t) : 8;
                const __mmask8 used = (__mmask8)(0xFFu >> (8 - V));
                __m512d s[8];
                for (int k = 0; k < 8; k++) {
                    s[slot[k]] = k < V ? _mm512_loadu_pd(acc + i * row_step + 8 * (t + k)) : _mm512_setzero_pd();
                }
                const __m512d r = _mm512_add_pd(sum_lanes8_avx512(s), label);
                _mm512_mask_storeu_pd(sums + t, used, _mm512_add_pd(_mm512_maskz_loadu_pd(used, sums + t), _mm512_mul_pd(r, r)));
                _mm512_mask_storeu_pd(coefficients + i * trials + t, used, _mm512_mul_pd(r, inverse));
                double lanes[8];
                _mm512_storeu_pd(lanes, r);
                for (int k = 0; k < V; k++) residual[t + k][i0 + i] = lanes[k];
            }
        }
        // Panels of rows that stay in L1 while every predictor uses them; column groups of at most
        // 4 chunks of 8, as even as possible, only the last chunk partial.
        const ptrdiff_t chunks = (d + 7) / 8, groups = (chunks + 3) / 4;
        for (ptrdiff_t p = 0; p < rows; p += CK_BATCH_PANEL) {
            const ptrdiff_t panel = rows - p < CK_BATCH_PANEL ? rows - p : CK_BATCH_PANEL;
            for (ptrdiff_t group = 0, chunk = 0; group < groups; group++) {
            const int K = (int)(chunks / groups + (group < chunks % groups ? 1 : 0));
            const ptrdiff_t j = 8 * chunk, width = d - j < 8 * K ? d - j : 8 * K;
            const __mmask8 last = (__mmask8)(0xFFu >> (8 * K - width));
            const double *column = design + (i0 + p) * stride + j;
            chunk += K;
            for (ptrdiff_t t = 0; t < trials; t += 4) {
                const int U = trials - t < 4 ? (int)(trials - t) : 4;
                const double *c = coefficients + p * trials + t;
                switch (K * 8 + U) {
#define GRADIENTS(k, u) case k * 8 + u: gradients_avx512(column, stride, panel, c, trials, gradient + t, j, last, k, u); break;
                GRADIENTS(1, 1) GRADIENTS(1, 2) GRADIENTS(1, 3) GRADIENTS(1, 4)
                GRADIENTS(2, 1) GRADIENTS(2, 2) GRADIENTS(2, 3) GRADIENTS(2, 4)
                GRADIENTS(3, 1) GRADIENTS(3, 2) GRADIENTS(3, 3) GRADIENTS(3, 4)
                GRADIENTS(4, 1) GRADIENTS(4, 2) GRADIENTS(4, 3) GRADIENTS(4, 4)
#undef GRADIENTS
                }
            }
            }
        }
    }
}
#endif

void ck_least_squares_gradient_batch(
    ck_isa isa, const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t rows, ptrdiff_t columns,
    ptrdiff_t trials, const double *const *x, double *const *residual, double *const *gradient, double *loss,
    double *workspace) {
#if defined(__x86_64__)
    if (isa == CK_ISA_AVX512) {
        double inverse_rows = 1.0 / (double)rows;
        for (ptrdiff_t t = 0; t < trials; t++) {
            loss[t] = 0;
            for (ptrdiff_t j = 0; j < columns; j++) gradient[t][j] = 0;
        }
        batch_avx512(design, stride, negated_labels, rows, columns, trials, x, residual, gradient, loss, workspace, inverse_rows);
        for (ptrdiff_t t = 0; t < trials; t++) loss[t] = 0.5 * inverse_rows * loss[t];
        return;
    }
#endif
    for (ptrdiff_t t = 0; t < trials; t++) {
        loss[t] = ck_least_squares_gradient(isa, design, stride, negated_labels, rows, columns, x[t], residual[t], gradient[t]);
    }
}

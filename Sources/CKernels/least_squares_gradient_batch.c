// The batched least-squares gradient of ckernels.h: T predictors against the same Z, blocked like
// a matrix–matrix product so that every row of Z is loaded once per block for all T. Each trial's
// arithmetic is the single kernel's (same fused multiply-add chains in the same order), so each
// trial gets the bits of ck_least_squares_gradient.
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"
#include "lane_sums.h"

/// Rows of Z per block. Phase 3 runs over the whole block for each group of columns, so the
/// group's columns of the block and the block's coefficients stay in L1 and every g is read once
/// per block.
#ifndef CK_BATCH_BLOCK
#define CK_BATCH_BLOCK 64
#endif

/// Columns per slice of the dot products: a slice of 8 packed predictors (16 KiB) stays in L1
/// while the rows of the block pass by.
#ifndef CK_BATCH_SLICE
#define CK_BATCH_SLICE 256
#endif

/// Designs of more than this many bytes (16 MiB) are prefetched ahead of the kernel's loops, which
/// makes d = 10000, n = 2000 about 1.6× faster. Smaller ones stay in L2 or L3, where hardware
/// prefetching suffices and the prefetches only take load slots (5–15 % at d = 100 and 1000).
#ifndef CK_BATCH_PREFETCH_BYTES
#define CK_BATCH_PREFETCH_BYTES (16 << 20)
#endif

/// Register blocks: 3 rows × 8 predictors in the dot products, 3 chunks of 8 columns × 8
/// predictors in the gradient pass (24 accumulators each).
#define DOT_ROWS 3
#define GRADIENT_CHUNKS 3
#define TRIALS 8

static ptrdiff_t block_rows(ptrdiff_t rows) { return rows < CK_BATCH_BLOCK ? rows : CK_BATCH_BLOCK; }

/// Doubles of the workspace before the packed predictors: the accumulators (8 per row and
/// predictor) and the coefficients, rounded up to a multiple of 8 so that the packed part keeps
/// the workspace's alignment.
static ptrdiff_t packed_offset(ptrdiff_t block, ptrdiff_t trials) {
    return block * trials * 8 + ((block * trials + 7) & ~(ptrdiff_t)7);
}

ptrdiff_t ck_least_squares_batch_workspace(ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t trials) {
    const ptrdiff_t blocked = packed_offset(block_rows(rows), trials) + trials * ((columns + 7) & ~(ptrdiff_t)7);
    return blocked > rows ? blocked : rows;
}

#if defined(__x86_64__)
/// Adds columns [j, end) of R rows times U predictors to their 8-lane accumulators at `acc`
/// (row k, predictor u at acc + k·row_step + 8u), starting from +0 when `first`. `packed` holds
/// the predictors' chunks from column j on, U chunks of 8 per 8 columns, zero past d; columns of Z
/// past a multiple of 8 (only in the last slice) load as 0 and leave the lanes unchanged. When
/// `P` (a constant), the same columns of the R rows at `following` are prefetched.
AVX512 INLINE void dots_avx512(
    const double *row, ptrdiff_t stride, const double *packed, ptrdiff_t j, ptrdiff_t end, double *acc,
    ptrdiff_t row_step, int first, const double *following, const int P, const int R, const int U) {
    __m512d s[DOT_ROWS][TRIALS];
    for (int k = 0; k < R; k++) {
        for (int u = 0; u < U; u++) s[k][u] = first ? _mm512_setzero_pd() : _mm512_loadu_pd(acc + k * row_step + 8 * u);
    }
    for (; j + 8 <= end; j += 8, packed += 8 * U) {
        if (P) {
            for (int k = 0; k < DOT_ROWS; k++) _mm_prefetch((const char *)(following + k * stride + j), _MM_HINT_T0);
        }
        __m512d z[DOT_ROWS];
        for (int k = 0; k < R; k++) z[k] = _mm512_loadu_pd(row + k * stride + j);
        for (int u = 0; u < U; u++) {
            __m512d xv = _mm512_loadu_pd(packed + 8 * u);
            for (int k = 0; k < R; k++) s[k][u] = _mm512_fmadd_pd(z[k], xv, s[k][u]);
        }
    }
    if (j < end) {
        __mmask8 tail = (__mmask8)((1u << (end - j)) - 1);
        __m512d z[DOT_ROWS];
        for (int k = 0; k < R; k++) z[k] = _mm512_maskz_loadu_pd(tail, row + k * stride + j);
        for (int u = 0; u < U; u++) {
            __m512d xv = _mm512_loadu_pd(packed + 8 * u);
            for (int k = 0; k < R; k++) s[k][u] = _mm512_fmadd_pd(z[k], xv, s[k][u]);
        }
    }
    for (int k = 0; k < R; k++) {
        for (int u = 0; u < U; u++) _mm512_storeu_pd(acc + k * row_step + 8 * u, s[k][u]);
    }
}

/// Adds Σ_i c_ui·Z_ij over `rows` rows (c_ui at coefficients[i·row_step + u]) to g_u for K chunks
/// of 8 columns at `column` (the last chunk masked by `last`) and U predictors, with the chunks in
/// registers; g starts from +0 when `first`. With `P` (a constant), the next group's columns, `next`
/// doubles on, are prefetched while this group runs: into L2 in every row (the L2 keeps more
/// misses in flight than L1, about 10 % faster at d = 10000), into L1 in g.
AVX512 INLINE void gradients_avx512(
    const double *column, ptrdiff_t stride, ptrdiff_t rows, const double *coefficients, ptrdiff_t row_step,
    double *const *gradient, ptrdiff_t j, __mmask8 last, int first, ptrdiff_t next, const int P, const int K, const int U) {
    __m512d g[GRADIENT_CHUNKS][TRIALS];
    if (P) {
        for (int u = 0; u < U; u++) {
            for (int k = 0; k < GRADIENT_CHUNKS; k++) _mm_prefetch((const char *)(gradient[u] + j + next + 8 * k), _MM_HINT_T0);
        }
    }
    for (int u = 0; u < U; u++) {
        for (int k = 0; k < K - 1; k++) g[k][u] = first ? _mm512_setzero_pd() : _mm512_loadu_pd(gradient[u] + j + 8 * k);
        g[K - 1][u] = first ? _mm512_setzero_pd() : _mm512_maskz_loadu_pd(last, gradient[u] + j + 8 * (K - 1));
    }
    for (ptrdiff_t i = 0; i < rows; i++) {
        const double *row = column + i * stride;
        if (P) {
            for (int k = 0; k < GRADIENT_CHUNKS; k++) _mm_prefetch((const char *)(row + next + 8 * k), _MM_HINT_T1);
        }
        __m512d z[GRADIENT_CHUNKS];
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

/// CALL(r, U) with U, 1 … 8, as a compile-time constant.
#define BY_TRIALS(CALL, r)                                                                                             \
    switch (U) {                                                                                                       \
    case 1: CALL(r, 1); break;                                                                                         \
    case 2: CALL(r, 2); break;                                                                                         \
    case 3: CALL(r, 3); break;                                                                                         \
    case 4: CALL(r, 4); break;                                                                                         \
    case 5: CALL(r, 5); break;                                                                                         \
    case 6: CALL(r, 6); break;                                                                                         \
    case 7: CALL(r, 7); break;                                                                                         \
    default: CALL(r, 8); break;                                                                                        \
    }

/// Copies the predictors into `packed` in groups of 8, chunk by chunk ([group][chunk][u][8]),
/// zero past d, so the dot products read one aligned stream per group.
AVX512 static void pack_predictors(const double *const *x, ptrdiff_t d, ptrdiff_t trials, double *packed) {
    const ptrdiff_t chunks = (d + 7) / 8;
    for (ptrdiff_t t = 0; t < trials; t += TRIALS) {
        const int U = trials - t < TRIALS ? (int)(trials - t) : TRIALS;
        double *group = packed + t * 8 * chunks;
        for (ptrdiff_t c = 0; c < chunks; c++) {
            const __mmask8 used = (__mmask8)(d - 8 * c >= 8 ? 0xFFu : (1u << (d - 8 * c)) - 1);
            for (int u = 0; u < U; u++) _mm512_storeu_pd(group + (c * U + u) * 8, _mm512_maskz_loadu_pd(used, x[t + u] + 8 * c));
        }
    }
}

/// The batch on AVX-512, one block of rows at a time: (1) the 8 lane sums of every row·predictor
/// dot product, slice by slice of columns, 8 predictors at a time; (2) the residuals, Σ r² and
/// c = r/n, row by row (Σ r² in a register through the block); (3) every g_u += Σ_i c_ui·Z_i over the block, a group of columns at a
/// time. Rows stay ascending in every chain, so each predictor gets the single kernel's bits.
AVX512 static void batch_avx512(
    const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t n, ptrdiff_t d, ptrdiff_t trials,
    const double *const *x, double *const *residual, double *const *gradient, double *sums, double *workspace,
    double inverse_rows) {
    static const int slot[8] = {0, 4, 1, 5, 2, 6, 3, 7};
    const ptrdiff_t block = block_rows(n), row_step = 8 * trials, chunks = (d + 7) / 8;
    const ptrdiff_t groups = (chunks + GRADIENT_CHUNKS - 1) / GRADIENT_CHUNKS;
    const __m512d inverse = _mm512_set1_pd(inverse_rows);
    const int prefetch = (double)n * (double)stride * 8 > CK_BATCH_PREFETCH_BYTES;
    double *acc = workspace, *coefficients = workspace + block * row_step, *packed = workspace + packed_offset(block, trials);
    pack_predictors(x, d, trials, packed);
    for (ptrdiff_t i0 = 0; i0 < n; i0 += block) {
        const ptrdiff_t rows = n - i0 < block ? n - i0 : block;
        for (ptrdiff_t j = 0; j < d; j += CK_BATCH_SLICE) {
            const ptrdiff_t end = d - j < CK_BATCH_SLICE ? d : j + CK_BATCH_SLICE;
            for (ptrdiff_t t = 0; t < trials; t += TRIALS) {
                const int U = trials - t < TRIALS ? (int)(trials - t) : TRIALS;
                const double *slice = packed + t * 8 * chunks + (j / 8) * U * 8;
                for (ptrdiff_t i = 0; i < rows; i += DOT_ROWS) {
                    const int R = rows - i < DOT_ROWS ? (int)(rows - i) : DOT_ROWS;
                    const double *row = design + (i0 + i) * stride;
                    const double *following = prefetch && i + 2 * DOT_ROWS <= rows ? row + DOT_ROWS * stride : 0;
                    double *a = acc + i * row_step + 8 * t;
#define DOTS(r, u)                                                                                                     \
    (following ? dots_avx512(row, stride, slice, j, end, a, row_step, j == 0, following, 1, r, u)                      \
               : dots_avx512(row, stride, slice, j, end, a, row_step, j == 0, following, 0, r, u))
                    switch (R) {
                    case 1: BY_TRIALS(DOTS, 1) break;
                    case 2: BY_TRIALS(DOTS, 2) break;
                    default: BY_TRIALS(DOTS, 3) break;
                    }
#undef DOTS
                }
            }
        }
        for (ptrdiff_t t = 0; t < trials; t += 8) {
            const int V = trials - t < 8 ? (int)(trials - t) : 8;
            const __mmask8 used = (__mmask8)(0xFFu >> (8 - V));
            __m512d squares = _mm512_maskz_loadu_pd(used, sums + t);
            for (ptrdiff_t i = 0; i < rows; i++) {
                __m512d s[8];
                for (int k = 0; k < 8; k++) {
                    s[slot[k]] = k < V ? _mm512_loadu_pd(acc + i * row_step + 8 * (t + k)) : _mm512_setzero_pd();
                }
                const __m512d r = _mm512_add_pd(sum_lanes8_avx512(s), _mm512_set1_pd(negated_labels[i0 + i]));
                squares = _mm512_add_pd(squares, _mm512_mul_pd(r, r));
                _mm512_mask_storeu_pd(coefficients + i * trials + t, used, _mm512_mul_pd(r, inverse));
                if (residual) {
                    double lanes[8];
                    _mm512_storeu_pd(lanes, r);
                    for (int k = 0; k < V; k++) residual[t + k][i0 + i] = lanes[k];
                }
            }
            _mm512_mask_storeu_pd(sums + t, used, squares);
        }
        // Column groups of at most 3 chunks of 8, as even as possible, only the last chunk partial.
        for (ptrdiff_t group = 0, chunk = 0; group < groups; group++) {
            const int K = (int)(chunks / groups + (group < chunks % groups ? 1 : 0));
            const ptrdiff_t j = 8 * chunk, width = d - j < 8 * K ? d - j : 8 * K;
            const __mmask8 last = (__mmask8)(0xFFu >> (8 * K - width));
            const double *column = design + i0 * stride + j;
            const ptrdiff_t next = prefetch && group + 1 < groups ? 8 * K : 0;
            chunk += K;
            for (ptrdiff_t t = 0; t < trials; t += TRIALS) {
                const int U = trials - t < TRIALS ? (int)(trials - t) : TRIALS;
                const double *c = coefficients + t;
#define GRADIENTS(k, u)                                                                                                \
    (next ? gradients_avx512(column, stride, rows, c, trials, gradient + t, j, last, i0 == 0, next, 1, k, u)           \
          : gradients_avx512(column, stride, rows, c, trials, gradient + t, j, last, i0 == 0, next, 0, k, u))
                switch (K) {
                case 1: BY_TRIALS(GRADIENTS, 1) break;
                case 2: BY_TRIALS(GRADIENTS, 2) break;
                default: BY_TRIALS(GRADIENTS, 3) break;
                }
#undef GRADIENTS
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
    if (isa == CK_ISA_AVX512 && rows > 0) {
        double inverse_rows = 1.0 / (double)rows;
        for (ptrdiff_t t = 0; t < trials; t++) loss[t] = 0;
        batch_avx512(design, stride, negated_labels, rows, columns, trials, x, residual, gradient, loss, workspace, inverse_rows);
        for (ptrdiff_t t = 0; t < trials; t++) loss[t] = 0.5 * inverse_rows * loss[t];
        return;
    }
#endif
    for (ptrdiff_t t = 0; t < trials; t++) {
        double *r = residual ? residual[t] : workspace;
        loss[t] = ck_least_squares_gradient(isa, design, stride, negated_labels, rows, columns, x[t], r, gradient[t]);
    }
}

// The matrix product of ckernels.h in three builds: portable C, AVX2 + FMA3 and AVX-512. Each
// entry of C is one fused multiply-add chain over the inner index, so the vector width (which
// only decides how many entries run side by side) never changes a bit.
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"
#include "lane_sums.h"

#include <math.h>
#include <stdlib.h>

/// op(A)_ip, with op(A)'s rows `ar` and columns `ac` doubles apart.
static inline double a_entry(const double *a, ptrdiff_t ar, ptrdiff_t ac, ptrdiff_t i, ptrdiff_t p) {
    return a[i * ar + p * ac];
}

static void multiply_portable(
    ptrdiff_t ar, ptrdiff_t ac, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *a,
    const double *b, ptrdiff_t ldb, int accumulate, double *c, ptrdiff_t ldc) {
    for (ptrdiff_t i = 0; i < m; i++) {
        for (ptrdiff_t j = 0; j < n; j++) {
            double s = 0;
            for (ptrdiff_t p = 0; p < k; p++) s = fma(a_entry(a, ar, ac, i, p), b[p * ldb + j], s);
            double t = alpha * s;
            c[i * ldc + j] = accumulate ? c[i * ldc + j] + t : t;
        }
    }
}

#if defined(__x86_64__)
/// Rows i … i + R − 1 (R ≤ 4) and columns j … j + 7 of C, columns past `width` (≤ 8) left alone.
AVX2 INLINE void block_avx2(
    ptrdiff_t ar, ptrdiff_t ac, ptrdiff_t k, double alpha, const double *a, const double *b, ptrdiff_t ldb,
    int accumulate, double *c, ptrdiff_t ldc, ptrdiff_t i, ptrdiff_t j, ptrdiff_t width, const int R) {
    __m256d lo[4], hi[4];
    for (int r = 0; r < R; r++) lo[r] = hi[r] = _mm256_setzero_pd();
    __m256i count = _mm256_set1_epi64x(width);
    __m256i ml = _mm256_cmpgt_epi64(count, _mm256_setr_epi64x(0, 1, 2, 3));
    __m256i mh = _mm256_cmpgt_epi64(count, _mm256_setr_epi64x(4, 5, 6, 7));
    if (width == 8) {
        for (ptrdiff_t p = 0; p < k; p++) {
            __m256d bl = _mm256_loadu_pd(b + p * ldb + j), bh = _mm256_loadu_pd(b + p * ldb + j + 4);
            for (int r = 0; r < R; r++) {
                __m256d x = _mm256_set1_pd(a_entry(a, ar, ac, i + r, p));
                lo[r] = _mm256_fmadd_pd(x, bl, lo[r]);
                hi[r] = _mm256_fmadd_pd(x, bh, hi[r]);
            }
        }
    } else {
        for (ptrdiff_t p = 0; p < k; p++) {
            __m256d bl = _mm256_maskload_pd(b + p * ldb + j, ml), bh = _mm256_maskload_pd(b + p * ldb + j + 4, mh);
            for (int r = 0; r < R; r++) {
                __m256d x = _mm256_set1_pd(a_entry(a, ar, ac, i + r, p));
                lo[r] = _mm256_fmadd_pd(x, bl, lo[r]);
                hi[r] = _mm256_fmadd_pd(x, bh, hi[r]);
            }
        }
    }
    __m256d scale = _mm256_set1_pd(alpha);
    for (int r = 0; r < R; r++) {
        double *row = c + (i + r) * ldc + j;
        __m256d tl = _mm256_mul_pd(scale, lo[r]), th = _mm256_mul_pd(scale, hi[r]);
        if (accumulate) {
            tl = _mm256_add_pd(_mm256_maskload_pd(row, ml), tl);
            th = _mm256_add_pd(_mm256_maskload_pd(row + 4, mh), th);
        }
        _mm256_maskstore_pd(row, ml, tl);
        _mm256_maskstore_pd(row + 4, mh, th);
    }
}

AVX2 static void multiply_avx2(
    ptrdiff_t ar, ptrdiff_t ac, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *a,
    const double *b, ptrdiff_t ldb, int accumulate, double *c, ptrdiff_t ldc) {
    for (ptrdiff_t j = 0; j < n; j += 8) {
        ptrdiff_t width = n - j < 8 ? n - j : 8;
        ptrdiff_t i = 0;
        for (; i + 4 <= m; i += 4) block_avx2(ar, ac, k, alpha, a, b, ldb, accumulate, c, ldc, i, j, width, 4);
        for (; i < m; i++) block_avx2(ar, ac, k, alpha, a, b, ldb, accumulate, c, ldc, i, j, width, 1);
    }
}

/// Rows i … i + R − 1 (R ≤ 4) and columns j … j + 15 of C, columns past `width` (≤ 16) left alone.
AVX512 INLINE void block_avx512(
    ptrdiff_t ar, ptrdiff_t ac, ptrdiff_t k, double alpha, const double *a, const double *b, ptrdiff_t ldb,
    int accumulate, double *c, ptrdiff_t ldc, ptrdiff_t i, ptrdiff_t j, ptrdiff_t width, const int R) {
    __m512d lo[4], hi[4];
    for (int r = 0; r < R; r++) lo[r] = hi[r] = _mm512_setzero_pd();
    __mmask8 ml = (__mmask8)(width >= 8 ? 0xFF : (1u << width) - 1);
    __mmask8 mh = (__mmask8)(width >= 16 ? 0xFF : width > 8 ? (1u << (width - 8)) - 1 : 0);
    for (ptrdiff_t p = 0; p < k; p++) {
        __m512d bl = _mm512_maskz_loadu_pd(ml, b + p * ldb + j), bh = _mm512_maskz_loadu_pd(mh, b + p * ldb + j + 8);
        for (int r = 0; r < R; r++) {
            __m512d x = _mm512_set1_pd(a_entry(a, ar, ac, i + r, p));
            lo[r] = _mm512_fmadd_pd(x, bl, lo[r]);
            hi[r] = _mm512_fmadd_pd(x, bh, hi[r]);
        }
    }
    __m512d scale = _mm512_set1_pd(alpha);
    for (int r = 0; r < R; r++) {
        double *row = c + (i + r) * ldc + j;
        __m512d tl = _mm512_mul_pd(scale, lo[r]), th = _mm512_mul_pd(scale, hi[r]);
        if (accumulate) {
            tl = _mm512_add_pd(_mm512_maskz_loadu_pd(ml, row), tl);
            th = _mm512_add_pd(_mm512_maskz_loadu_pd(mh, row + 8), th);
        }
        _mm512_mask_storeu_pd(row, ml, tl);
        _mm512_mask_storeu_pd(row + 8, mh, th);
    }
}

AVX512 static void multiply_avx512(
    ptrdiff_t ar, ptrdiff_t ac, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *a,
    const double *b, ptrdiff_t ldb, int accumulate, double *c, ptrdiff_t ldc) {
    for (ptrdiff_t j = 0; j < n; j += 16) {
        ptrdiff_t width = n - j < 16 ? n - j : 16;
        ptrdiff_t i = 0;
        for (; i + 4 <= m; i += 4) block_avx512(ar, ac, k, alpha, a, b, ldb, accumulate, c, ldc, i, j, width, 4);
        for (; i < m; i++) block_avx512(ar, ac, k, alpha, a, b, ldb, accumulate, c, ldc, i, j, width, 1);
    }
}
#endif

void ck_matrix_multiply(
    ck_isa isa, int transpose_a, int transpose_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
    const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, int accumulate, double *c, ptrdiff_t ldc) {
    if (m <= 0 || n <= 0) return;
    // op(B) is read by rows; a transposed B is copied into a k × n row-major panel first.
    double stack_panel[2048];
    double *panel = NULL;
    if (transpose_b && k > 0) {
        panel = k * n <= 2048 ? stack_panel : malloc((size_t)(k * n) * sizeof(double));
        if (panel == NULL) abort();
        for (ptrdiff_t p = 0; p < k; p++) {
            for (ptrdiff_t j = 0; j < n; j++) panel[p * n + j] = b[j * ldb + p];
        }
        b = panel;
        ldb = n;
    }
    ptrdiff_t ar = transpose_a ? 1 : lda, ac = transpose_a ? lda : 1;
    switch (isa) {
#if defined(__x86_64__)
    case CK_ISA_AVX512:
        multiply_avx512(ar, ac, m, n, k, alpha, a, b, ldb, accumulate, c, ldc);
        break;
    case CK_ISA_AVX2:
        multiply_avx2(ar, ac, m, n, k, alpha, a, b, ldb, accumulate, c, ldc);
        break;
#endif
    default:
        multiply_portable(ar, ac, m, n, k, alpha, a, b, ldb, accumulate, c, ldc);
        break;
    }
    if (panel != stack_panel) free(panel);
}

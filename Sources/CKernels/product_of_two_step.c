// The elementwise factor update of ckernels.h, compiled for each instruction set. Products and
// sums are rounded separately (no contraction), so every build gives the bits of the scalar formula.
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"

#define STEP_BODY                                                   \
    for (ptrdiff_t i = 0; i < count; i++) {                         \
        double pi = p[i], qi = q[i], gi = gradient[i];              \
        double new_p = pi - learning_rate * (gi * qi + weight_decay * pi); \
        double new_q = qi - learning_rate * (gi * pi + weight_decay * qi); \
        p[i] = new_p;                                               \
        q[i] = new_q;                                               \
        x[i] = new_p * new_q;                                       \
    }

#define STEP_PARAMETERS                                                                      \
    double *restrict p, double *restrict q, const double *restrict gradient, double *restrict x, \
    ptrdiff_t count, double learning_rate, double weight_decay

static void step_portable(STEP_PARAMETERS) { STEP_BODY }

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void step_avx2(STEP_PARAMETERS) { STEP_BODY }

__attribute__((target("avx2,avx512f,avx512vl"))) static void step_avx512(STEP_PARAMETERS) { STEP_BODY }
#endif

void ck_product_of_two_step(
    ck_isa isa, double *p, double *q, const double *gradient, double *x, ptrdiff_t count,
    double learning_rate, double weight_decay) {
    switch (isa) {
#if defined(__x86_64__)
    case CK_ISA_AVX512:
        step_avx512(p, q, gradient, x, count, learning_rate, weight_decay);
        return;
    case CK_ISA_AVX2:
        step_avx2(p, q, gradient, x, count, learning_rate, weight_decay);
        return;
#endif
    default:
        step_portable(p, q, gradient, x, count, learning_rate, weight_decay);
        return;
    }
}

/// Vectors of at most this many doubles are prefetched whole (four of them fit L1); longer ones
/// stream well enough for the hardware prefetchers.
#define PREFETCH_LIMIT 512

/// Prefetches `count` doubles at `v` for reading (`write` 0) or writing (1).
#define PREFETCH_VECTOR(v, count, write)                                                                              \
    for (ptrdiff_t i = 0; i < (count); i += 8) __builtin_prefetch((v) + i, (write), 3)

void ck_product_of_two_step_batch(
    ck_isa isa, ptrdiff_t trials, double *const *p, double *const *q, double *const *gradient, double *const *x,
    ptrdiff_t count, const double *learning_rate, const double *weight_decay) {
    for (ptrdiff_t t = 0; t < trials; t++) {
        if (t + 1 < trials && count <= PREFETCH_LIMIT) {
            PREFETCH_VECTOR(p[t + 1], count, 1);
            PREFETCH_VECTOR(q[t + 1], count, 1);
            PREFETCH_VECTOR(gradient[t + 1], count, 0);
            PREFETCH_VECTOR(x[t + 1], count, 1);
        }
        ck_product_of_two_step(isa, p[t], q[t], gradient[t], x[t], count, learning_rate[t], weight_decay[t]);
    }
}

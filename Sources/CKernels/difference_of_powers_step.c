// The factor step of x = u^L − v^L of ckernels.h, compiled for each instruction set. Products and
// sums are rounded separately (no contraction) and every coordinate goes through the same
// operations in the same order, so every build gives the bits of the scalar formula; the
// coordinates are taken in blocks of CK_FACTOR_BLOCK so the operations on a block vectorize.
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"
#include "factor_step_builds.h"

#define INLINE static inline __attribute__((always_inline))
#define BLOCK CK_FACTOR_BLOCK

/// θ^k for the `width` entries at `theta` into `power` (k ≥ 1): θ, then k − 1 multiplications by θ.
INLINE void powers(const double *restrict theta, double *restrict power, ptrdiff_t width, ptrdiff_t k) {
    for (ptrdiff_t b = 0; b < width; b++) power[b] = theta[b];
    for (ptrdiff_t j = 1; j < k; j++) {
        for (ptrdiff_t b = 0; b < width; b++) power[b] *= theta[b];
    }
}

/// The new entries of one factor θ (u, or v with `negate`) of coordinates i0 … i0 + width − 1:
/// G = (±g·L)·θ^(L−1) + the weight-decay term, then the (heavy-ball) move; θ is rewritten in place.
INLINE void factor_block(
    double *restrict theta, const double *restrict g, int negate, ptrdiff_t width, ptrdiff_t depth,
    double learning_rate, double weight_decay, double c, double momentum, double *restrict velocity, int compatible,
    int heavy_ball) {
    double chain[BLOCK], decay[BLOCK], magnitude[BLOCK], a[BLOCK];
    double scale = (double)depth;
    powers(theta, chain, width, depth - 1);
    if (compatible) {
        for (ptrdiff_t b = 0; b < width; b++) a[b] = __builtin_fabs(theta[b]);
        powers(a, magnitude, width, depth - 1);
        for (ptrdiff_t b = 0; b < width; b++) decay[b] = c * __builtin_copysign(magnitude[b], theta[b]);
    } else {
        for (ptrdiff_t b = 0; b < width; b++) decay[b] = weight_decay * theta[b];
    }
    for (ptrdiff_t b = 0; b < width; b++) {
        double grad = (negate ? -g[b] : g[b]) * scale * chain[b] + decay[b];
        if (heavy_ball) {
            double v = momentum * velocity[b] + grad;
            velocity[b] = v;
            theta[b] = theta[b] - learning_rate * v;
        } else {
            theta[b] = theta[b] - learning_rate * grad;
        }
    }
}

/// Coordinates i0 … i0 + width − 1 (width ≤ BLOCK).
INLINE void difference_block(
    double *restrict factors, ptrdiff_t depth, ptrdiff_t count, const double *restrict gradient, double *restrict x,
    double learning_rate, double weight_decay, double c, double momentum, double *restrict velocity, ptrdiff_t i0,
    ptrdiff_t width, int compatible, int heavy_ball) {
    double *u = factors + i0, *v = factors + count + i0;
    double *velocity_u = heavy_ball ? velocity + i0 : velocity, *velocity_v = heavy_ball ? velocity + count + i0 : velocity;
    factor_block(u, gradient + i0, 0, width, depth, learning_rate, weight_decay, c, momentum, velocity_u, compatible, heavy_ball);
    factor_block(v, gradient + i0, 1, width, depth, learning_rate, weight_decay, c, momentum, velocity_v, compatible, heavy_ball);
    double pu[BLOCK], pv[BLOCK];
    powers(u, pu, width, depth);
    powers(v, pv, width, depth);
    for (ptrdiff_t b = 0; b < width; b++) x[i0 + b] = pu[b] - pv[b];
}

#define STEP_PARAMETERS                                                                                              \
    double *restrict factors, ptrdiff_t depth, ptrdiff_t count, const double *restrict gradient, double *restrict x, \
        double learning_rate, double weight_decay, double momentum, double *restrict velocity
#define STEP_ARGUMENTS factors, depth, count, gradient, x, learning_rate, weight_decay, momentum, velocity

INLINE void blocks(STEP_PARAMETERS, int compatible, int heavy_ball) {
    double c = weight_decay * (double)depth * 0.5;
    ptrdiff_t i = 0;
    // The operations within a block are the vector operations; across blocks (with gathers) is slower.
#pragma clang loop vectorize(disable)
    for (; i + BLOCK <= count; i += BLOCK) {
        difference_block(
            factors, depth, count, gradient, x, learning_rate, weight_decay, c, momentum, velocity, i, BLOCK, compatible,
            heavy_ball);
    }
    if (i < count) {
        difference_block(
            factors, depth, count, gradient, x, learning_rate, weight_decay, c, momentum, velocity, i, count - i,
            compatible, heavy_ball);
    }
}

/// The depths of the sweeps (2 to 4) with the depth a constant, so the powers unroll.
INLINE void step(STEP_PARAMETERS, int compatible, int heavy_ball) {
#define AT_DEPTH(L) \
    blocks(factors, L, count, gradient, x, learning_rate, weight_decay, momentum, velocity, compatible, heavy_ball)
    switch (depth) {
    case 2: AT_DEPTH(2); return;
    case 3: AT_DEPTH(3); return;
    case 4: AT_DEPTH(4); return;
    default: AT_DEPTH(depth); return;
    }
#undef AT_DEPTH
}

FACTOR_STEP_BUILDS

void ck_difference_of_powers_step(
    ck_isa isa, double *factors, ptrdiff_t depth, ptrdiff_t count, const double *gradient, double *x,
    double learning_rate, double weight_decay, ck_regularizer regularizer, double momentum, double *velocity) {
    FACTOR_STEP_DISPATCH(isa);
}

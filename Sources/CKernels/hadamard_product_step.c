// The factor step of x = w₁ ⊙ … ⊙ w_L of ckernels.h, compiled for each instruction set. Products
// and sums are rounded separately (no contraction) and every coordinate goes through the same
// operations in the same order, so every build gives the bits of the scalar formula; the
// coordinates are taken in blocks of CK_FACTOR_BLOCK so the operations on a block vectorize.
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"
#include "factor_step_builds.h"

#define INLINE static inline __attribute__((always_inline))
#define BLOCK CK_FACTOR_BLOCK

/// The weight-decay terms of the `width` entries θ at `theta` into `decay`: λθ (l2), or
/// c·sign(θ) with c = λ/2 at depth 1, c·copysign(|θ|^(L−1), θ) with c = λ·L/2 above (compatible).
INLINE void decay_terms(
    const double *restrict theta, double *restrict decay, ptrdiff_t width, ptrdiff_t depth, double weight_decay,
    double c, int compatible) {
    if (!compatible) {
        for (ptrdiff_t b = 0; b < width; b++) decay[b] = weight_decay * theta[b];
    } else if (depth == 1) {
        for (ptrdiff_t b = 0; b < width; b++) decay[b] = theta[b] > 0 ? c : (theta[b] < 0 ? -c : 0.0);
    } else {
        double m[BLOCK];
        for (ptrdiff_t b = 0; b < width; b++) m[b] = __builtin_fabs(theta[b]);
        for (ptrdiff_t k = 2; k < depth; k++) {
            for (ptrdiff_t b = 0; b < width; b++) m[b] *= __builtin_fabs(theta[b]);
        }
        for (ptrdiff_t b = 0; b < width; b++) decay[b] = c * __builtin_copysign(m[b], theta[b]);
    }
}

/// θ ← θ − η·G for the `width` entries at `theta` with gradients G (`grad`); with heavy ball
/// (`velocity`) v ← μv + G first and θ ← θ − ηv. Writes the new entries into `theta`.
INLINE void move_entries(
    double *restrict theta, const double *restrict grad, ptrdiff_t width, double learning_rate, double momentum,
    double *restrict velocity, int heavy_ball) {
    for (ptrdiff_t b = 0; b < width; b++) {
        if (heavy_ball) {
            double v = momentum * velocity[b] + grad[b];
            velocity[b] = v;
            theta[b] = theta[b] - learning_rate * v;
        } else {
            theta[b] = theta[b] - learning_rate * grad[b];
        }
    }
}

/// Coordinates i0 … i0 + width − 1 (width ≤ BLOCK).
INLINE void product_block(
    double *restrict factors, ptrdiff_t depth, ptrdiff_t count, const double *restrict gradient, double *restrict x,
    double learning_rate, double weight_decay, double c, double momentum, double *restrict velocity,
    double *restrict suffix, ptrdiff_t i0, ptrdiff_t width, int compatible, int heavy_ball) {
    double s[BLOCK], prefix[BLOCK], p[BLOCK], decay[BLOCK], grad[BLOCK], old[BLOCK];
    // suffix[j] = w_{j+1}·…·w_L (1 for j = L − 1), multiplied from the last factor down.
    for (ptrdiff_t b = 0; b < width; b++) s[b] = 1.0;
    for (ptrdiff_t j = depth - 1; j >= 0; j--) {
        const double *f = factors + j * count + i0;
        for (ptrdiff_t b = 0; b < width; b++) {
            suffix[j * BLOCK + b] = s[b];
            s[b] *= f[b];
        }
    }
    for (ptrdiff_t b = 0; b < width; b++) {
        prefix[b] = 1.0;
        p[b] = 1.0;
    }
    for (ptrdiff_t j = 0; j < depth; j++) {
        double *f = factors + j * count + i0;
        for (ptrdiff_t b = 0; b < width; b++) old[b] = f[b];
        decay_terms(old, decay, width, depth, weight_decay, c, compatible);
        for (ptrdiff_t b = 0; b < width; b++) grad[b] = gradient[i0 + b] * prefix[b] * suffix[j * BLOCK + b] + decay[b];
        move_entries(f, grad, width, learning_rate, momentum, heavy_ball ? velocity + j * count + i0 : velocity, heavy_ball);
        for (ptrdiff_t b = 0; b < width; b++) {
            prefix[b] *= old[b];
            p[b] *= f[b];
        }
    }
    for (ptrdiff_t b = 0; b < width; b++) x[i0 + b] = p[b];
}

#define STEP_PARAMETERS                                                                                              \
    double *restrict factors, ptrdiff_t depth, ptrdiff_t count, const double *restrict gradient, double *restrict x, \
        double learning_rate, double weight_decay, double momentum, double *restrict velocity, double *restrict scratch
#define STEP_ARGUMENTS factors, depth, count, gradient, x, learning_rate, weight_decay, momentum, velocity, scratch

/// Every block of coordinates, the suffix products of a block in `suffix` (depth·BLOCK doubles).
INLINE void blocks(STEP_PARAMETERS, double *restrict suffix, int compatible, int heavy_ball) {
    double c = weight_decay * (double)depth * 0.5;
    ptrdiff_t i = 0;
    // The operations within a block are the vector operations; across blocks (with gathers) is slower.
#pragma clang loop vectorize(disable)
    for (; i + BLOCK <= count; i += BLOCK) {
        product_block(
            factors, depth, count, gradient, x, learning_rate, weight_decay, c, momentum, velocity, suffix, i, BLOCK,
            compatible, heavy_ball);
    }
    if (i < count) {
        product_block(
            factors, depth, count, gradient, x, learning_rate, weight_decay, c, momentum, velocity, suffix, i,
            count - i, compatible, heavy_ball);
    }
}

/// The depths of the sweeps (1 to SPECIALIZED_DEPTH) with the depth a constant, so the loops over
/// the factors unroll and the suffix products stay in registers; deeper products in `scratch`.
#define SPECIALIZED_DEPTH 4

INLINE void step(STEP_PARAMETERS, int compatible, int heavy_ball) {
    double local[SPECIALIZED_DEPTH * BLOCK];
#define AT_DEPTH(L, suffix)                                                                                        \
    blocks(factors, L, count, gradient, x, learning_rate, weight_decay, momentum, velocity, scratch, suffix,      \
           compatible, heavy_ball)
    switch (depth) {
    case 1: AT_DEPTH(1, local); return;
    case 2: AT_DEPTH(2, local); return;
    case 3: AT_DEPTH(3, local); return;
    case 4: AT_DEPTH(4, local); return;
    default: AT_DEPTH(depth, scratch); return;
    }
#undef AT_DEPTH
}

FACTOR_STEP_BUILDS

ptrdiff_t ck_hadamard_product_scratch(ptrdiff_t depth) { return depth * BLOCK; }

void ck_hadamard_product_step(
    ck_isa isa, double *factors, ptrdiff_t depth, ptrdiff_t count, const double *gradient, double *x,
    double learning_rate, double weight_decay, ck_regularizer regularizer, double momentum, double *velocity,
    double *scratch) {
    FACTOR_STEP_DISPATCH(isa);
}

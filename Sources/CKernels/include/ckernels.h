#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

/// The instruction sets the kernels are compiled for. Every kernel gives the same bits on every
/// instruction set: the summation order is fixed by the kernel's definition, not by the vector width.
typedef enum ck_isa {
    /// Plain C with fma() from libm; runs on any CPU.
    CK_ISA_PORTABLE = 0,
    /// AVX2 with FMA3.
    CK_ISA_AVX2 = 1,
    /// AVX-512 F and VL.
    CK_ISA_AVX512 = 2,
} ck_isa;

/// The fastest instruction set this CPU supports.
ck_isa ck_best_isa(void);

/// Whether this CPU can run kernels compiled for `isa`.
int ck_isa_supported(ck_isa isa);

/// The least-squares gradient g = Zᵀ(Zx − y)/n and loss (1/2n)‖Zx − y‖² in one pass over Z.
///
/// `design` is Z, n × d row-major with rows `stride` ≥ d doubles apart; `negated_labels` holds −y (n doubles). Writes r = Zx − y into
/// `residual` (n doubles) and g into `gradient` (d doubles); returns the loss. Row i is read once
/// from memory: r_i = Z_i·x − y_i, then g += (r_i/n)·Z_i while the row is in cache.
///
/// The arithmetic, identical on every instruction set:
/// - Z_i·x = ((s₀ + s₄) + (s₂ + s₆)) + ((s₁ + s₅) + (s₃ + s₇)), where lane s_l is the fused
///   multiply-add chain Σ Z_ij·x_j over j ≡ l (mod 8), j ascending, from +0;
/// - r_i = Z_i·x + (−y_i); c_i = r_i·(1/n);
/// - g_j is the fused multiply-add chain Σ c_i·Z_ij over i ascending, from +0;
/// - the loss is 0.5·(1/n)·Σ r_i² summed over i ascending (products and sums rounded separately).
double ck_least_squares_gradient(
    ck_isa isa, const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t rows, ptrdiff_t columns,
    const double *x, double *residual, double *gradient);

/// The doubles of workspace ``ck_least_squares_gradient_batch`` needs for `trials` predictors
/// against an n × d design (`rows` × `columns`).
ptrdiff_t ck_least_squares_batch_workspace(ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t trials);

/// ``ck_least_squares_gradient`` for `trials` predictors x[t] against the same Z and −y, with Z
/// read once per block of rows for all of them (a matrix–matrix product instead of T
/// matrix–vector products).
///
/// For every t, `residual[t]` (n doubles), `gradient[t]` (d doubles) and `loss[t]` get exactly
/// the bits ck_least_squares_gradient(isa, design, stride, negated_labels, rows, columns, x[t],
/// residual[t], gradient[t]) gives: each predictor follows the arithmetic documented there.
/// `residual` may be NULL when the caller does not need the residuals (the workspace then takes
/// them where a build needs them written somewhere).
/// `workspace` holds ck_least_squares_batch_workspace(rows, columns, trials) doubles. The AVX-512
/// build is blocked; the portable and AVX2 builds run the single kernel once per predictor.
void ck_least_squares_gradient_batch(
    ck_isa isa, const double *design, ptrdiff_t stride, const double *negated_labels, ptrdiff_t rows, ptrdiff_t columns,
    ptrdiff_t trials, const double *const *x, double *const *residual, double *const *gradient, double *loss,
    double *workspace);

/// One plain gradient-descent step with L2 weight decay on x = p ⊙ q, in place:
/// p ← p − η(g·q + λp), q ← q − η(g·p + λq) (both from the old p and q), x ← p·q.
///
/// Every operation is rounded separately (no fused multiply-add), so every instruction set gives
/// the same bits as the scalar formula.
void ck_product_of_two_step(
    ck_isa isa, double *p, double *q, const double *gradient, double *x, ptrdiff_t count,
    double learning_rate, double weight_decay);

/// ck_product_of_two_step for `trials` factor sets, trial t with p[t], q[t], gradient[t], x[t],
/// learning_rate[t] and weight_decay[t] (gradient[t] is only read): the same bits as one call per
/// trial, with the next trial's vectors prefetched (when short) while a trial is updated.
void ck_product_of_two_step_batch(
    ck_isa isa, ptrdiff_t trials, double *const *p, double *const *q, double *const *gradient, double *const *x,
    ptrdiff_t count, const double *learning_rate, const double *weight_decay);

/// The weight-decay terms of the factor steps below, for a factor entry θ at depth L.
typedef enum ck_regularizer {
    /// λθ (penalty (λ/2)·Σθ²).
    CK_REGULARIZER_L2 = 0,
    /// (λL/2)·copysign(|θ|^(L−1), θ), and (λ/2)·sign(θ) at L = 1 (penalty (λ/2)·Σ|θ|^L).
    CK_REGULARIZER_COMPATIBLE = 1,
} ck_regularizer;

/// The factor steps take the coordinates in blocks of this many, so the operations on a block
/// run as vector operations; the block size does not change any result.
#define CK_FACTOR_BLOCK 8

/// The doubles of scratch ``ck_hadamard_product_step`` needs at depth `depth`.
ptrdiff_t ck_hadamard_product_scratch(ptrdiff_t depth);

/// One step on the factors of x = w₁ ⊙ … ⊙ w_L (L = `depth` ≥ 1, factor j at `factors` + j·`count`),
/// given the gradient g = ∇f(x), in one pass over the coordinates; rewrites x from the new factors.
///
/// For each coordinate, with the old factors: suffix_j = ((1·w_L)·w_{L−1})·…·w_{j+1} (1 for
/// j = L − 1), prefix_j = ((1·w₁)·w₂)·…·w_{j−1} (1 for j = 1), G_j = (g·prefix_j)·suffix_j + D(w_j)
/// with D the `regularizer`'s weight-decay term at depth L (λ = `weight_decay`, constant
/// c = (λ·L)·0.5); then w_j ← w_j − η·G_j, or, when `velocity` (laid out like `factors`) is not
/// NULL, v_j ← μ·v_j + G_j and w_j ← w_j − η·v_j; x = ((1·w₁)·w₂)·…·w_L from the new factors.
/// Every operation is rounded separately, in this order, so every instruction set gives the same
/// bits. L = 1 is the direct parameterization, L = 2 mask-weight (ck_product_of_two_step's bits
/// for l2 without momentum). `scratch` holds ck_hadamard_product_scratch(depth) doubles.
void ck_hadamard_product_step(
    ck_isa isa, double *factors, ptrdiff_t depth, ptrdiff_t count, const double *gradient, double *x,
    double learning_rate, double weight_decay, ck_regularizer regularizer, double momentum, double *velocity,
    double *scratch);

/// One step on the factors u (at `factors`) and v (at `factors` + `count`) of x = u^L − v^L
/// (L = `depth` ≥ 2), given the gradient g = ∇f(x), in one pass over the coordinates; rewrites x.
///
/// For each coordinate, with θ^k = ((θ·θ)·…)·θ (k − 1 multiplications) and the old u and v:
/// G_u = (g·L)·u^(L−1) + D(u), G_v = ((−g)·L)·v^(L−1) + D(v), D the `regularizer`'s weight-decay
/// term at depth L (as in ck_hadamard_product_step); then the same (heavy-ball) move, and
/// x = u^L − v^L from the new u and v. Every operation is rounded separately, in this order, so
/// every instruction set gives the same bits.
void ck_difference_of_powers_step(
    ck_isa isa, double *factors, ptrdiff_t depth, ptrdiff_t count, const double *gradient, double *x,
    double learning_rate, double weight_decay, ck_regularizer regularizer, double momentum, double *velocity);

/// The loss (1/2n)‖Zx − y‖² with r = Zx − y written into `residual` (n doubles); `labels` holds y.
///
/// Z_i·x is summed as in ``ck_least_squares_gradient``, r_i = Z_i·x − y_i, and the loss is
/// 0.5·(1/n)·Σ r_i² over i ascending, so the loss equals the one that kernel returns for −y.
double ck_least_squares_loss(
    ck_isa isa, const double *design, ptrdiff_t stride, const double *labels, ptrdiff_t rows, ptrdiff_t columns,
    const double *x, double *residual);

/// C = α·op(A)·op(B), or C + α·op(A)·op(B) when `accumulate`, for C m × n and an inner dimension k;
/// op(X) = Xᵀ when `transpose_x`, else X. All matrices are row-major with rows `lda`, `ldb`, `ldc`
/// doubles apart (A is m × k, or k × m when transposed; B is k × n, or n × k when transposed).
///
/// The arithmetic, identical on every instruction set: s_ij is the fused multiply-add chain
/// Σ op(A)_ip·op(B)_pj over p ascending, from +0; t = α·s_ij; C_ij = t, or C_ij + t.
void ck_matrix_multiply(
    ck_isa isa, int transpose_a, int transpose_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
    const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, int accumulate, double *c, ptrdiff_t ldc);

/// e^x from the same sequence of double operations on every CPU (Taylor's series after reduction
/// by ln 2); within 1 ulp of glibc's exp on the tested arguments.
double ck_exp(double x);

/// ln x from the same sequence of double operations on every CPU (2·atanh(f/(2 + f)) after
/// reduction by powers of 2); within 1 ulp of glibc's log on the tested arguments.
double ck_log(double x);

/// cos x from the same sequence of double operations on every CPU (Taylor's series after reduction
/// by π/2), for |x| < 2^20·π/2, NaN beyond; within 2 ulp of glibc's cos on the tested arguments.
double ck_cos(double x);

#endif

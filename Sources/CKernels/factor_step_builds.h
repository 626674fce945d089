// Private to CKernels: the builds of a factor step with a regularizer (hadamard_product_step.c,
// difference_of_powers_step.c). The including file defines STEP_PARAMETERS, STEP_ARGUMENTS and
// `step(STEP_PARAMETERS, int compatible, int heavy_ball)` first.
#ifndef CKERNELS_FACTOR_STEP_BUILDS_H
#define CKERNELS_FACTOR_STEP_BUILDS_H

/// The four variants (regularizer × optimizer) of one build, each with its loops specialized.
#define FACTOR_STEP_VARIANTS(name, attributes)                                                     \
    attributes static void name(STEP_PARAMETERS, ck_regularizer regularizer) {                     \
        int compatible = regularizer == CK_REGULARIZER_COMPATIBLE;                                 \
        if (velocity) {                                                                            \
            if (compatible) step(STEP_ARGUMENTS, 1, 1); else step(STEP_ARGUMENTS, 0, 1);           \
        } else {                                                                                   \
            if (compatible) step(STEP_ARGUMENTS, 1, 0); else step(STEP_ARGUMENTS, 0, 0);           \
        }                                                                                          \
    }

#if defined(__x86_64__)
/// step_portable, step_avx2 and step_avx512.
#define FACTOR_STEP_BUILDS                                                                         \
    FACTOR_STEP_VARIANTS(step_portable, )                                                          \
    FACTOR_STEP_VARIANTS(step_avx2, __attribute__((target("avx2"))))                              \
    FACTOR_STEP_VARIANTS(step_avx512, __attribute__((target("avx2,avx512f,avx512vl"))))
/// Runs the build of `isa` (portable for any other).
#define FACTOR_STEP_DISPATCH(isa)                                                                  \
    switch (isa) {                                                                                 \
    case CK_ISA_AVX512: step_avx512(STEP_ARGUMENTS, regularizer); return;                          \
    case CK_ISA_AVX2: step_avx2(STEP_ARGUMENTS, regularizer); return;                              \
    default: step_portable(STEP_ARGUMENTS, regularizer); return;                                   \
    }
#else
#define FACTOR_STEP_BUILDS FACTOR_STEP_VARIANTS(step_portable, )
#define FACTOR_STEP_DISPATCH(isa)                                                                  \
    (void)(isa);                                                                                   \
    step_portable(STEP_ARGUMENTS, regularizer)
#endif

#endif

import CKernels

/// How the least-squares gradient g = Zᵀ(Zx − y)/n and loss (1/2n)‖Zx − y‖² are computed: the
/// fused kernel `ck_least_squares_gradient` of CKernels on an instruction set of this CPU.
///
/// Every instruction set gives the same bits (the kernel fixes its summation order), so a
/// configuration stays bit-for-bit reproducible whichever one runs; ``native`` is the fastest.
struct LeastSquaresGradient: Sendable {
    /// The instruction set the kernels run on.
    let isa: ck_isa

    /// The fastest instruction set of this CPU.
    static let native = LeastSquaresGradient(isa: ck_best_isa())

    /// Every instruction set this CPU can run, portable C first.
    static var supported: [LeastSquaresGradient] {
        [CK_ISA_PORTABLE, CK_ISA_AVX2, CK_ISA_AVX512].filter { ck_isa_supported($0) != 0 }.map(LeastSquaresGradient.init)
    }

    /// Designs of at most this many doubles (16 MiB) are copied into 64-byte-aligned rows of
    /// ``stride(columns:)`` doubles; larger ones are read in place.
    static let packedLimit = 1 << 21

    /// A batch of trials copies designs of at most this many doubles (256 MiB): the copy is made
    /// once for all of them, and the batched kernel loses about 15 % on rows that do not start on
    /// a cache line.
    static let batchPackedLimit = 1 << 25

    /// The row stride of a packed design: d rounded up to a multiple of 8, so every row starts on
    /// a 64-byte boundary.
    static func stride(columns: Int) -> Int { (columns + 7) & ~7 }

    /// Writes g = Zᵀ(Zx − y)/n into `gradient` and r = Zx − y into `residual`; returns (1/2n)‖r‖².
    ///
    /// `design` is n × d row-major with rows `stride` ≥ d doubles apart; `negatedLabels` holds −y;
    /// `residual` holds n doubles, `gradient` d doubles.
    @inline(__always)
    func evaluate(
        design: UnsafePointer<Double>, stride: Int, negatedLabels: UnsafePointer<Double>,
        rows n: Int, columns d: Int,
        x: UnsafePointer<Double>, residual: UnsafeMutablePointer<Double>, gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        ck_least_squares_gradient(isa, design, stride, negatedLabels, n, d, x, residual, gradient)
    }

    /// (1/2n)‖Zx − y‖² with the residual written into `residual` (n doubles), by `ck_least_squares_loss`.
    func loss(
        design: UnsafePointer<Double>, labels: UnsafePointer<Double>, rows n: Int, columns d: Int,
        x: UnsafePointer<Double>, residual: UnsafeMutablePointer<Double>
    ) -> Double {
        ck_least_squares_loss(isa, design, d, labels, n, d, x, residual)
    }
}

extension LeastSquaresGradient {
    /// The doubles of workspace ``evaluate(design:stride:negatedLabels:rows:columns:trials:x:residual:gradient:loss:workspace:)``
    /// needs for `trials` predictors against an n × d design.
    static func batchWorkspace(rows n: Int, columns d: Int, trials: Int) -> Int {
        ck_least_squares_batch_workspace(n, d, trials)
    }

    /// ``evaluate(design:stride:negatedLabels:rows:columns:x:residual:gradient:)`` for the `trials`
    /// predictors `x[t]` against the same design in one pass (`ck_least_squares_gradient_batch`):
    /// writes `residual[t]`, `gradient[t]` and `loss[t]`, each exactly the bits of the single call.
    /// Without `residual` the residuals are not kept.
    @inline(__always)
    func evaluate(
        design: UnsafePointer<Double>, stride: Int, negatedLabels: UnsafePointer<Double>, rows n: Int, columns d: Int,
        trials: Int, x: UnsafePointer<UnsafePointer<Double>?>, residual: UnsafePointer<UnsafeMutablePointer<Double>?>?,
        gradient: UnsafePointer<UnsafeMutablePointer<Double>?>, loss: UnsafeMutablePointer<Double>,
        workspace: UnsafeMutablePointer<Double>
    ) {
        ck_least_squares_gradient_batch(isa, design, stride, negatedLabels, n, d, trials, x, residual, gradient, loss, workspace)
    }
}

/// Gradual magnitude pruning (Zhu & Gupta 2017) by epochs: when sparsity is raised, and to what.
///
/// With T epochs and the window [START, END] (`gradual_pruning`), pruning runs at the ends of
/// epochs k₀ < k ≤ k₁, k₀ = ⌊START·T⌋ and k₁ = max(⌈END·T⌉, k₀ + 1), to the sparsity
/// s_k = s_f·(1 − (1 − (k − k₀)/(k₁ − k₀))³), reaching the final sparsity s_f at k₁. The cubic
/// prunes fast while many redundant weights remain and slowly near the end.
public struct GradualPruning: Hashable, Sendable {
    /// s_f, the sparsity reached at the end of the window.
    public let finalSparsity: Double
    /// k₀: the first pruning is at the end of epoch k₀ + 1.
    public let startEpoch: Int
    /// k₁, the epoch whose end reaches s_f.
    public let endEpoch: Int

    /// The pruning of a run of `totalEpochs` epochs over `window` ([START, END] fractions of the epochs) to `finalSparsity`.
    public init(window: [Double], finalSparsity: Double, totalEpochs: Int) {
        precondition(window.count == 2, "the window is [START, END]")
        self.finalSparsity = finalSparsity
        startEpoch = Int((window[0] * Double(totalEpochs)).rounded(.down))
        endEpoch = max(Int((window[1] * Double(totalEpochs) - 1e-9).rounded(.up)), startEpoch + 1)
    }

    /// The sparsity to prune to at the end of epoch `k` (1-based), or nil outside the window.
    public func sparsity(afterEpoch k: Int) -> Double? {
        guard k > startEpoch, k <= endEpoch else { return nil }
        let remaining = 1 - Double(k - startEpoch) / Double(endEpoch - startEpoch)
        return finalSparsity * (1 - remaining * remaining * remaining)
    }
}

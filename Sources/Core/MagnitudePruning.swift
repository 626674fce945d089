/// Global magnitude pruning of a weight vector to a target sparsity.
///
/// For sparsity s over N weights exactly k = round(s·N) weights are removed (set to 0; halves
/// round away from zero): those first in the order of ascending |x|, ties broken by the lower
/// index. The result does not depend on anything but the weights and s.
public enum MagnitudePruning {
    /// The indices of `weights` in pruning order: ascending magnitude, then ascending index.
    public static func order(_ weights: [Double]) -> [Int] {
        weights.indices.sorted { a, b in
            let ma = weights[a].magnitude, mb = weights[b].magnitude
            return ma < mb || (ma == mb && a < b)
        }
    }

    /// k = round(s·N), the number of weights that sparsity s removes from N.
    public static func removedCount(sparsity: Double, of count: Int) -> Int {
        min(count, max(0, Int((sparsity * Double(count)).rounded())))
    }

    /// `weights` with the ``removedCount(sparsity:of:)`` first weights of ``order(_:)`` set to 0.
    public static func prune(_ weights: [Double], sparsity: Double) -> [Double] {
        var result = weights
        for i in order(weights).prefix(removedCount(sparsity: sparsity, of: weights.count)) { result[i] = 0 }
        return result
    }
}

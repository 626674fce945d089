extension MLP {
    /// Sets the weights at `indices` to 0 in every factor (m and w for mask-weight), with their
    /// velocity; x follows. Pruned weights of a direct network regrow unless this runs after every step.
    func zeroWeights(_ indices: [Int]) {
        let n = weightCount
        let masked = parameterization == .maskWeight
        for i in indices {
            weight[i] = 0
            effective[i] = 0
            velocity[masked ? n + i : i] = 0
            if masked {
                mask[i] = 0
                velocity[i] = 0
            }
        }
    }

    /// The indices of the weights global magnitude pruning to `sparsity` removes, ascending,
    /// those in `pruned` first: ``MagnitudePruning`` order among the others, so the pruned set only grows.
    func pruningSet(sparsity: Double, keeping pruned: [Bool]) -> [Int] {
        let x = effective
        let order = (0..<weightCount).sorted { a, b in
            if pruned[a] != pruned[b] { return pruned[a] }
            let ma = x[a].magnitude, mb = x[b].magnitude
            return ma < mb || (ma == mb && a < b)
        }
        return order.prefix(MagnitudePruning.removedCount(sparsity: sparsity, of: weightCount)).sorted()
    }
}

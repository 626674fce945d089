/// Marks the cells not dominated on (better generalization, higher sparsity).
enum ParetoFront {
    /// Sets `pareto` on every cell holding both metrics and not dominated by another such cell.
    ///
    /// Cell a dominates b when a's error ≤ b's and a's sparsity ≥ b's, one of them strictly; the
    /// error is the generalization metric, negated when higher is better (accuracy).
    static func mark(_ rows: inout [TableRow], generalization: String, sparsity: String) {
        var candidates: [(error: Double, sparsity: Double, row: Int, group: Int)] = []
        for (r, row) in rows.enumerated() {
            for (g, cell) in row.cells.enumerated() {
                guard let cell, let e = cell.metrics[generalization]?.mean, let s = cell.metrics[sparsity]?.mean,
                      e.isFinite, s.isFinite else { continue }
                candidates.append((MetricDefaults.lowerIsBetter(generalization) ? e : -e, s, r, g))
            }
        }
        candidates.sort { $0.error != $1.error ? $0.error < $1.error : $0.sparsity > $1.sparsity }
        var bestBefore = -Double.infinity
        var i = 0
        while i < candidates.count {
            var j = i
            while j < candidates.count, candidates[j].error == candidates[i].error { j += 1 }
            let bestHere = candidates[i].sparsity
            for c in candidates[i..<j] where c.sparsity > bestBefore && c.sparsity == bestHere {
                rows[c.row].cells[c.group]?.pareto = true
            }
            bestBefore = max(bestBefore, bestHere)
            i = j
        }
    }
}

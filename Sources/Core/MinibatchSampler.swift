/// Draws the rows of each SGD minibatch.
///
/// The stream is one ``Xoshiro256StarStar`` seeded with `seed ^ 0x5DEECE66D` (the trial seed, not
/// the data seed). It keeps a permutation `order` of 0..<n, starting as the identity and carried
/// from step to step. Each step runs a partial Fisher–Yates shuffle: for i in 0..<b, swap
/// `order[i]` with `order[i + nextInt(below: n − i)]`; the batch is `order[0..<b]` in that order,
/// so rows within a step are drawn without replacement.
struct MinibatchSampler {
    private var generator: Xoshiro256StarStar
    private var order: [Int]
    /// b, the rows per step.
    let batchSize: Int

    /// A sampler over `rows` rows, `batchSize` per step, for the trial seed `seed`.
    init(rows: Int, batchSize: Int, seed: UInt64) {
        generator = Xoshiro256StarStar(seed: seed ^ 0x5DEECE66D)
        order = Array(0..<rows)
        self.batchSize = batchSize
    }

    /// Draws the next batch and calls `body` with its row indices.
    mutating func nextBatch<R>(_ body: (UnsafeBufferPointer<Int>) -> R) -> R {
        let n = order.count
        let b = batchSize
        var rng = generator
        defer { generator = rng }
        return order.withUnsafeMutableBufferPointer { order in
            for i in 0..<b {
                order.swapAt(i, i + rng.nextInt(below: n - i))
            }
            return body(UnsafeBufferPointer(rebasing: order[0..<b]))
        }
    }
}

/// The minibatches of epoch-wise SGD over the training rows of a ``ClassificationData``.
///
/// An epoch is one pass over a fresh permutation of the rows in ⌈n/b⌉ batches, the last holding
/// the remaining rows. The permutation is carried from epoch to epoch and reshuffled by
/// Fisher–Yates (for i from n − 1 down to 1, swap i with `nextInt(below: i + 1)`) from the
/// generator given at creation. Batches are copied into buffers allocated once.
final class EpochBatches {
    /// b, the rows per batch.
    let batchSize: Int
    /// ⌈n/b⌉, the batches of a full epoch.
    let batchesPerEpoch: Int
    /// The rows of the current batch, row-major.
    let inputs: UnsafeMutableBufferPointer<Double>
    /// The labels of the current batch.
    let labels: UnsafeMutableBufferPointer<Int>

    private var order: [Int]
    private var shuffler: Xoshiro256StarStar
    private let features: Int
    private var start = 0

    /// Batches of `batchSize` over `rows` rows of `features` features, shuffled by `shuffler`.
    init(rows: Int, features: Int, batchSize: Int, shuffler: Xoshiro256StarStar) {
        self.batchSize = batchSize
        self.features = features
        self.shuffler = shuffler
        batchesPerEpoch = (rows + batchSize - 1) / batchSize
        order = Array(0..<rows)
        inputs = .allocate(capacity: batchSize * features)
        labels = .allocate(capacity: batchSize)
    }

    deinit {
        inputs.deallocate()
        labels.deallocate()
    }

    /// Reshuffles the permutation and starts an epoch at its first batch.
    func startEpoch() {
        for i in stride(from: order.count - 1, through: 1, by: -1) {
            order.swapAt(i, shuffler.nextInt(below: i + 1))
        }
        start = 0
    }

    /// Copies the epoch's next batch of `data`'s training rows into ``inputs`` and ``labels``;
    /// returns its row count.
    func nextBatch(of data: ClassificationData) -> Int {
        let rows = min(batchSize, order.count - start)
        data.trainInputs.withUnsafeBufferPointer { source in
            for k in 0..<rows {
                let row = order[start + k]
                (inputs.baseAddress! + k * features).update(from: source.baseAddress! + row * features, count: features)
                labels[k] = data.trainLabels[row]
            }
        }
        start += rows
        return rows
    }
}

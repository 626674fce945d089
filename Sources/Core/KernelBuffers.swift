/// The buffers the least-squares kernels read: 64-byte-aligned doubles, a packed copy of the
/// design and −y. Shared by ``SparseRegressionTrainer`` and batched training.
enum KernelBuffers {
    /// `count` zeros, 64-byte aligned; the caller deallocates.
    static func aligned(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Double>.stride, alignment: 64)
        let buffer = UnsafeMutableBufferPointer(start: raw.bindMemory(to: Double.self, capacity: count), count: count)
        buffer.initialize(repeating: 0)
        return buffer
    }

    /// Z copied into rows of ``LeastSquaresGradient/stride(columns:)`` doubles, or nil when it is
    /// larger than `limit` doubles and is read in place.
    static func packedDesign(
        _ data: RegressionData, limit: Int = LeastSquaresGradient.packedLimit
    ) -> UnsafeMutableBufferPointer<Double>? {
        let n = data.samples, d = data.dimension, stride = LeastSquaresGradient.stride(columns: d)
        guard n * stride <= limit else { return nil }
        let packed = aligned(n * stride)
        for i in 0..<n {
            for j in 0..<d { packed[i * stride + j] = data.design[i * d + j] }
        }
        return packed
    }

    /// −y, aligned.
    static func negatedLabels(_ data: RegressionData) -> UnsafeMutableBufferPointer<Double> {
        let negated = aligned(data.samples)
        for i in 0..<data.samples { negated[i] = -data.labels[i] }
        return negated
    }
}

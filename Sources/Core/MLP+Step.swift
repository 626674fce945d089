extension MLP {
    /// One optimizer step from the gradients of the last ``backward(inputs:rows:)``.
    ///
    /// With g = ∂loss/∂x + `l1Penalty`·sign(x) for each weight (sign 0 at x = 0):
    /// - direct: G_w = g + λ·w;
    /// - mask-weight: G_m = g·w + λ·m and G_w = g·m + λ·w, both from the old factors;
    /// - str: ``softThresholdStep(weightDecay:dataGradient:move:)`` (w and s_l, weight decay on both);
    /// - biases: G_b = ∂loss/∂b, without weight decay or L1 penalty.
    ///
    /// Plain SGD sets θ ← θ − ηG; heavy ball (`momentum` not nil) sets v ← μv + G, θ ← θ − ηv.
    /// x is then rewritten from the new factors.
    func step(learningRate eta: Double, weightDecay lambda: Double, l1Penalty: Double, momentum: Double?) {
        let n = weightCount
        let g = weightGradient.baseAddress!, x = effective.baseAddress!
        let w = weight.baseAddress!, v = velocity.baseAddress!
        @inline(__always) func move(_ theta: UnsafeMutablePointer<Double>, _ k: Int, _ velocityIndex: Int, _ grad: Double) {
            if let mu = momentum {
                let next = mu * v[velocityIndex] + grad
                v[velocityIndex] = next
                theta[k] -= eta * next
            } else {
                theta[k] -= eta * grad
            }
        }
        @inline(__always) func dataGradient(_ i: Int) -> Double {
            guard l1Penalty > 0 else { return g[i] }
            let xi = x[i]
            return g[i] + (xi > 0 ? l1Penalty : (xi < 0 ? -l1Penalty : 0))
        }
        if parameterization == .maskWeight {
            let m = mask.baseAddress!
            for i in 0..<n {
                let gi = dataGradient(i)
                let mi = m[i], wi = w[i]
                move(m, i, i, gi * wi + lambda * mi)
                move(w, i, n + i, gi * mi + lambda * wi)
                x[i] = m[i] * w[i]
            }
        } else if parameterization == .str {
            softThresholdStep(weightDecay: lambda, dataGradient: dataGradient, move: move)
        } else {
            for i in 0..<n {
                move(w, i, i, dataGradient(i) + lambda * w[i])
                x[i] = w[i]
            }
        }
        let b = bias.baseAddress!, gb = biasGradient.baseAddress!
        let offset = factorCount * n
        for j in 0..<biasCount { move(b, j, offset + j, gb[j]) }
    }
}

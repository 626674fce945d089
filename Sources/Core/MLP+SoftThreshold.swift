import CKernels

/// Soft Threshold Reparameterization (STR; Kusupati et al., ICML 2020): every weight of layer l is
/// x = sign(w)·max(|w| − τ_l, 0) with τ_l = g(s_l), g the sigmoid and s_l one learned parameter
/// per layer. The derivatives, with 1[·] the indicator and g'(s) = g(s)·(1 − g(s)):
/// ∂x/∂w = 1[|w| > τ_l] and ∂x/∂s_l = −sign(w)·1[|w| > τ_l]·g'(s_l).
///
/// g(s) = 1/(1 + e^{−s}) takes its exponential from `ck_exp`, and every sum runs in index order,
/// so the bits are the same on every CPU.
extension MLP {
    /// The threshold parameters s_l, one per layer (str only; empty otherwise).
    public var softThresholds: [Double] { Array(threshold) }

    /// g(s) = 1/(1 + e^{−s}).
    @inline(__always)
    static func sigmoid(_ s: Double) -> Double { 1 / (1 + ck_exp(-s)) }

    /// sign(w)·max(|w| − τ, 0): w − τ above τ, w + τ below −τ, else 0.
    @inline(__always)
    static func softThreshold(_ w: Double, _ tau: Double) -> Double {
        w > tau ? w - tau : (w < -tau ? w + tau : 0)
    }

    /// Rewrites x from w and the thresholds τ_l = g(s_l).
    func refreshSoftThreshold() {
        for l in 0..<layers {
            let tau = Self.sigmoid(threshold[l])
            for i in weightOffsets[l]..<weightOffsets[l + 1] { effective[i] = Self.softThreshold(weight[i], tau) }
        }
    }

    /// ∂loss/∂w and ∂loss/∂s of the last ``backward(inputs:rows:)``, from ∂loss/∂x by the chain rule.
    func softThresholdGradient() -> (weights: [Double], thresholds: [Double]) {
        var weights = [Double](repeating: 0, count: weightCount)
        var thresholds = [Double](repeating: 0, count: layers)
        for l in 0..<layers {
            let tau = Self.sigmoid(threshold[l])
            var sum = 0.0
            for i in weightOffsets[l]..<weightOffsets[l + 1] {
                let w = weight[i], g = weightGradient[i]
                guard w > tau || w < -tau else { continue }
                weights[i] = g
                sum -= w > 0 ? g : -g
            }
            thresholds[l] = tau * (1 - tau) * sum
        }
        return (weights, thresholds)
    }

    /// The str part of ``step(learningRate:weightDecay:l1Penalty:momentum:)``: with g = `dataGradient(i)`
    /// (∂loss/∂x plus the L1 term), G_w = g·1[|w| > τ_l] + λ·w and
    /// G_s = g'(s_l)·Σ_i −sign(w_i)·1[|w_i| > τ_l]·g_i + λ·s_l, both from the old w and s_l; each
    /// parameter then moves by `move` (w at velocity index i, s_l at the end of the velocity,
    /// after the biases), and x is rewritten from the new w and s_l.
    func softThresholdStep(
        weightDecay lambda: Double, dataGradient: (Int) -> Double,
        move: (UnsafeMutablePointer<Double>, Int, Int, Double) -> Void
    ) {
        let w = weight.baseAddress!, s = threshold.baseAddress!
        let thresholdVelocity = weightCount + biasCount
        for l in 0..<layers {
            let old = s[l], tau = Self.sigmoid(old)
            var sum = 0.0
            for i in weightOffsets[l]..<weightOffsets[l + 1] {
                let wi = w[i]
                if wi > tau || wi < -tau {
                    let gi = dataGradient(i)
                    sum -= wi > 0 ? gi : -gi
                    move(w, i, i, gi + lambda * wi)
                } else {
                    move(w, i, i, lambda * wi)
                }
            }
            move(s, l, thresholdVelocity + l, tau * (1 - tau) * sum + lambda * old)
        }
        refreshSoftThreshold()
    }
}

extension TrialConfig {
    /// The effective integrated weight decay Λ that the `lambda_integral` metric reports, from the
    /// plain sum η·Σλ_s a trainer keeps.
    ///
    /// Heavy ball (v ← μv + G, θ ← θ − ηv) moves θ by η/(1 − μ)·G per step once v has settled, so a
    /// weight decay λ_s acts like λ_s·η/(1 − μ) of gradient-flow time: Λ = η/(1 − μ)·Σλ_s with
    /// `momentum` (10× η·Σλ_s at μ = 0.9); η·Σλ_s, unchanged, with `gd` and `sgd`. The value is
    /// exact for constant λ up to the first 1/(1 − μ) steps, while v builds up, and approximate
    /// when λ_s changes faster than that. Momentum also breaks the exact balance law of
    /// RESEARCH.md (a_t = a₀·e^{−2Λ_t} holds for gradient flow, and for GD up to O(η)): the
    /// velocity carries the gradient term into later steps, so a_t follows e^{−2Λ} only roughly.
    public func effectiveLambdaIntegral(plain: Double) -> Double {
        optimizer == .momentum ? plain / (1 - momentum) : plain
    }
}

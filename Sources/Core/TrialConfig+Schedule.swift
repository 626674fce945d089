extension TrialConfig {
    /// λ_t = λ·schedule.factor(t), the weight decay of step `t` of `steps`.
    func weightDecay(atStep t: Int) -> Double {
        weightDecay * schedule.factor(at: t, totalSteps: steps)
    }
}

/// How the factors of a matrix-sensing model start.
public enum FactorInitKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// Entries α·N(0, 1)/√d with α = `init_scale` (lora: B = 0, A Gaussian).
    case gaussian
    /// uv only: U₀ = √a·I and V₀ = 0 with a = `init_scale`, so UᵀU − VᵀV = a·I: the start of
    /// mask-weight (m₀ = √a, w₀ = 0) in every eigendirection.
    case identity
}

/// How the matrix X of a matrix-sensing trial is built from its factors.
public enum MatrixModelKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// X = W.
    case direct
    /// X = U Uᵀ (symmetric positive semidefinite).
    case uu
    /// X = U Vᵀ.
    case uv
    /// X = W_L ⋯ W_1 with L = `depth` ≥ 2.
    case deep
    /// X = W₀ + B Aᵀ: a frozen base W₀ and thin d × r factors B, A with r = `lora_rank` (``LoRAFactorization``).
    case lora
}

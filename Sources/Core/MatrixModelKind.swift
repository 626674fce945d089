/// How the matrix X of a matrix-sensing trial is built from its d × d factors.
public enum MatrixModelKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// X = W.
    case direct
    /// X = U Uᵀ (symmetric positive semidefinite).
    case uu
    /// X = U Vᵀ.
    case uv
    /// X = W_L ⋯ W_1 with L = `depth` ≥ 2.
    case deep
}

/// How the measurement matrices A_i of generated matrix-sensing data are drawn.
public enum SensingDesignKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// A_i = (G_i + G_iᵀ)/2 with N(0, 1) entries in G_i; X* = U*U*ᵀ (``MatrixSensingData/generate(dimension:rank:measurements:noise:seed:)``).
    case gaussian
    /// A_i = Q diag(z_i) Qᵀ and X* = Q diag(x*) Qᵀ in one orthonormal basis Q, so every A_i commutes
    /// with the others and with X* (``MatrixSensingData/generateCommuting(dimension:rank:measurements:noise:seed:)``).
    case commuting
}

extension TrialConfig {
    /// Checks that a start other than 0 (`x_init`) has factors to start from: sparse regression with
    /// `direct`, `mask-weight`, or `hadamard` / `diff-of-powers` at L = 2. Deeper products have no
    /// closed-form balanced start at x ≠ 0, so they are refused rather than started elsewhere.
    func validateNonzeroStart() throws(CoreError) {
        guard problem == .sparseRegression else {
            throw .invalidField(
                field: "x_init", value: xInit.description,
                allowed: "'zero' for problem '\(problem.rawValue)' (a start other than 0 exists for sparse-regression only)")
        }
        if depth >= 3 {
            throw .invalidField(
                field: "x_init", value: xInit.description,
                allowed: "'zero' for \(parameterization.rawValue) at depth \(depth) (a start other than 0 needs depth ≤ 2: "
                    + "direct, mask-weight, hadamard or diff-of-powers at L = 2)")
        }
    }
}

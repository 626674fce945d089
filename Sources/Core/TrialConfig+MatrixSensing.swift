extension TrialConfig {
    /// The checks specific to `matrix-sensing`; the error names the field.
    ///
    /// `dimension`, `rank`, `measurements` and `noise` describe generated data and are checked
    /// only when `data` is nil. `depth` matters only for the `deep` model, `lora_rank` only for `lora`; `parameterization`,
    /// `samples`, `sparsity` and `test_samples` are not used.
    func validateMatrixSensing() throws(CoreError) {
        func check<Value: CustomStringConvertible>(
            _ ok: Bool, _ field: String, _ value: @autoclosure () -> Value, _ allowed: @autoclosure () -> String
        ) throws(CoreError) {
            // The texts are built for an error only: every grid point of a sweep is validated.
            if !ok { throw .invalidField(field: field, value: value().description, allowed: allowed()) }
        }
        if data == nil {
            try check(dimension >= 1, "dimension", dimension, "an integer ≥ 1")
            try check((1...max(dimension, 1)).contains(rank), "rank", rank, "an integer from 1 to dimension (\(dimension))")
            try check(measurements >= 1, "measurements", measurements, "an integer ≥ 1")
            try check(noise >= 0 && noise.isFinite, "noise", noise, "a finite number ≥ 0")
        }
        if model == .deep {
            try check(depth >= 2, "depth", depth, "an integer ≥ 2 for model deep (X = W_L ⋯ W_1)")
        }
        if model == .lora {
            let loraRank = loraRank ?? 2
            try check(loraRank >= 1 && (data != nil || loraRank <= dimension), "lora_rank", loraRank,
                      data == nil ? "an integer from 1 to dimension (\(dimension)) for model lora" : "an integer ≥ 1 for model lora")
        }
        if factorInit == .identity {
            try check(model == .uv, "factor_init", "identity", "gaussian for model \(model.rawValue) (identity is for uv only)")
        }
        if design == .commuting {
            try check(data == nil, "design", "commuting", "gaussian when data is loaded (the design is of generated data)")
        }
        try check(regularizer == .l2, "regularizer", regularizer.rawValue, "l2 for matrix-sensing")
        try check(optimizer == .gd || optimizer == .momentum, "optimizer", optimizer.rawValue,
                  "gd or momentum for matrix-sensing (every step uses all measurements)")
        if let b = batchSize {
            try check(false, "batch_size", b, "null for matrix-sensing (every step uses all measurements)")
        }
    }
}

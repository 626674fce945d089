import Core

/// A field of `TrialConfig` as sweep specs name it: an entry of `TrialConfig.fields`.
typealias ConfigField = TrialConfigField

extension TrialConfigField {
    /// The names accepted in specs, in `TrialConfig` order.
    static var names: [String] { TrialConfig.fieldNames }
}

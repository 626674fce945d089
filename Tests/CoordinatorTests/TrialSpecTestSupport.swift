import Core
import SweepSpecs

extension TrialSpec {
    /// The core configuration of a trial the test expects to be a core trial.
    var config: TrialConfig {
        guard case let .core(config) = work else { preconditionFailure("trial \(id) runs a command, not the core") }
        return config
    }
}

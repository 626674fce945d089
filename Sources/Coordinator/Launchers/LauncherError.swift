/// The one error type of the Launchers library: workers that cannot be started or kept running.
public enum LauncherError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Workers could not be started.
    case launcher(what: String, cause: String)
    /// An entry of an SSH host list is malformed (see ``SSHHost/allowedForms``).
    case hostList(entry: String, reason: String)
    /// An entry of a `--gpus` list is malformed (see ``GPUDevices/allowedForms``).
    case gpuList(entry: String, reason: String)

    /// The error as one line that names what failed, where, and what is allowed.
    public var description: String {
        switch self {
        case let .launcher(what, cause):
            return "cannot \(what): \(cause)"
        case let .hostList(entry, reason):
            return "host list entry '\(entry)': \(reason); allowed: \(SSHHost.allowedForms)"
        case let .gpuList(entry, reason):
            return "--gpus entry '\(entry)': \(reason); allowed: \(GPUDevices.allowedForms)"
        }
    }
}

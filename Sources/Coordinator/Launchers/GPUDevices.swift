/// The GPUs a worker is given (`mirrorsweep work --gpus`): one slot per GPU, each trial runs
/// with `CUDA_VISIBLE_DEVICES` set to its slot's device.
public enum GPUDevices: Hashable, Sendable {
    /// The ids in the worker's own `CUDA_VISIBLE_DEVICES`, as Slurm sets them for a GPU job.
    case auto
    /// These device ids (`0`, `1`, or UUIDs such as `GPU-5c3…`), in order, each once.
    case ids([String])

    /// The forms ``init(parsing:)`` accepts, for error messages.
    public static let allowedForms = "comma-separated device ids (e.g. 0,1 or GPU-5c3f…), each once, or auto"

    /// Reads `auto` or a comma-separated list of distinct device ids without spaces.
    public init(parsing text: String) throws(LauncherError) {
        if text == "auto" {
            self = .auto
            return
        }
        let ids = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for id in ids where id.isEmpty || id.contains(where: { $0.isWhitespace || $0 == "=" }) {
            throw .gpuList(entry: id, reason: id.isEmpty ? "an empty device id" : "a device id holds no spaces or '='")
        }
        if let repeated = ids.enumerated().first(where: { ids[..<$0.offset].contains($0.element) })?.element {
            throw .gpuList(entry: repeated, reason: "device \(repeated) is listed twice")
        }
        self = .ids(ids)
    }

    /// The value of `mirrorsweep work --gpus`.
    public var argument: String {
        switch self {
        case .auto: "auto"
        case let .ids(ids): ids.joined(separator: ",")
        }
    }
}

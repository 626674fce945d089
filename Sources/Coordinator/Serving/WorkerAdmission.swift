import Wire

/// Whether a worker's `hello` is let in: it must speak this coordinator's protocol version and
/// offer at least one slot. Pure; the server sends a refusal's ``Refusal/reason`` as `refuse`.
enum WorkerAdmission: Hashable, Sendable {
    /// The worker may join.
    case admitted
    /// The worker is turned away.
    case refused(Refusal)

    /// Why a worker is turned away.
    enum Refusal: Hashable, Sendable {
        /// It speaks protocol version `found`; this coordinator speaks `supported`.
        case unsupportedVersion(found: Int, supported: Int)
        /// It offered `slots` slots, fewer than one.
        case noSlots(Int)

        /// The text of the `refuse` message.
        var reason: String {
            switch self {
            case let .unsupportedVersion(found, supported):
                "protocol version \(found) is not supported; this coordinator speaks version \(supported)"
            case .noSlots:
                "slots must be at least 1"
            }
        }

        /// The reason as the coordinator logs it, after "refused worker ID: ".
        var logDetail: String {
            switch self {
            case let .unsupportedVersion(found, supported): "it speaks protocol version \(found), this coordinator \(supported)"
            case let .noSlots(slots): "slots \(slots) < 1"
            }
        }
    }

    /// The decision for a `hello` announcing `version` and `slots`; the version is checked first.
    init(version: Int, slots: Int, supported: Int = protocolVersion) {
        if version != supported {
            self = .refused(.unsupportedVersion(found: version, supported: supported))
        } else if slots < 1 {
            self = .refused(.noSlots(slots))
        } else {
            self = .admitted
        }
    }
}

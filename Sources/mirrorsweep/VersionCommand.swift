import ArgumentParser
import Journaling
import Wire

/// `mirrorsweep version`: the tool's version, as `--version` prints it, then the wire protocol
/// and journal schema versions it speaks and the Swift compiler it was built with.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version, the protocol and journal schema versions, and the Swift that built it."
    )

    func run() {
        print("""
            \(MirrorSweep.version)
            protocol        \(protocolVersion)
            journal schema  \(Journal.supportedSchemaVersion)
            built with      Swift \(Self.swiftVersion)
            """)
    }

    /// The major and minor version of the Swift compiler that built this executable.
    static var swiftVersion: String {
        #if compiler(>=6.5)
        return "6.5 or later"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }
}

import ArgumentParser
import Foundation
import ZeroMQ

/// `mirrorsweep keys`: CURVE key management.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the CURVE keys that authenticate workers and encrypt their traffic.",
        subcommands: [KeysGenerateCommand.self]
    )
}

/// `mirrorsweep keys generate DIR`: new key pairs as `DIR/NAME.secret` and `DIR/NAME.public`.
struct KeysGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Create CURVE key pairs: DIR/NAME.secret (mode 0600) and DIR/NAME.public.",
        discussion: """
            Each file holds a '#' comment line and a 40-character Z85 key. Existing keys are never \
            overwritten. To allow a worker, copy its public key into the coordinator's allow-list \
            directory (mkdir -p ALLOW && cp DIR/worker.public ALLOW/), then run
              mirrorsweep serve SPEC --bind tcp://*:5555 --secret-key DIR/coordinator.secret --allow-keys ALLOW
              mirrorsweep work --connect tcp://HOST:5555 --server-public-key DIR/coordinator.public --secret-key DIR/worker.secret
            See docs/SECURITY.md.
            """
    )

    @Argument(help: ArgumentHelp("The directory to write the keys to (created when missing).", valueName: "dir"))
    var directory: String

    @Option(name: .customLong("name"), help: ArgumentHelp(
        "A key pair's name (repeatable; default: coordinator and worker).", valueName: "name"))
    var names: [String] = []

    /// The names used when no `--name` is given.
    static let defaultNames = ["coordinator", "worker"]

    var resolvedNames: [String] { names.isEmpty ? Self.defaultNames : names }

    func validate() throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        for name in resolvedNames where name.isEmpty || name.hasPrefix(".") || !name.allSatisfy(allowed.contains) {
            throw ValidationError("--name '\(name)': allowed are letters, digits, '.', '_' and '-', not starting with '.'")
        }
        if Set(resolvedNames).count != resolvedNames.count {
            throw ValidationError("--name: each name may be given once, got \(resolvedNames.joined(separator: ", "))")
        }
    }

    func run() throws {
        let files = resolvedNames.flatMap { name in CurveKeyFile.Kind.allCases.map { path(name, $0) } }
        let existing = files.filter { FileManager.default.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            throw ValidationError(
                "refusing to overwrite existing keys: \(existing.joined(separator: ", ")); remove them first or choose another --name or directory")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ValidationError("cannot create \(directory): \(error.localizedDescription)")
        }
        for name in resolvedNames {
            let pair = try CurveKeyPair.generate()
            for (kind, key) in [(CurveKeyFile.Kind.secret, pair.secretKey), (.public, pair.publicKey)] {
                let file = path(name, kind)
                try CurveKeyFile.write(key: key, kind: kind, name: name, to: file)
                print(kind == .secret ? "wrote \(file) (secret, mode 0600: keep it on its machine)" : "wrote \(file)")
            }
        }
        print("to allow a worker, copy its .public file into the coordinator's --allow-keys directory, e.g. "
              + "cp \(path(resolvedNames.last ?? "worker", .public)) ALLOW/")
    }

    /// `DIR/NAME.public` or `DIR/NAME.secret`.
    private func path(_ name: String, _ kind: CurveKeyFile.Kind) -> String {
        (directory as NSString).appendingPathComponent("\(name).\(kind.fileExtension)")
    }
}

import ArgumentParser
import Foundation
import Serving
import ZeroMQ

/// The CURVE options of `serve` and `run`: the coordinator's secret key, the allow-list of worker
/// public keys, and the explicit opt-out that lets a coordinator without keys bind beyond loopback.
struct CurveFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The coordinator's CURVE secret key file (from 'mirrorsweep keys generate'): only workers listed in --allow-keys are served, encrypted.",
        valueName: "file"))
    var secretKey: String?

    @Option(help: ArgumentHelp("A directory of allowed worker public keys: every *.public file in it.", valueName: "dir"))
    var allowKeys: String?

    @Flag(help: "Allow binding a non-loopback address without --secret-key/--allow-keys: anyone who reaches it is served, unencrypted.")
    var insecureOpen = false

    func validate() throws {
        if secretKey != nil && allowKeys == nil {
            throw ValidationError("--secret-key needs --allow-keys DIR, the directory of worker public keys to serve")
        }
        if allowKeys != nil && secretKey == nil {
            throw ValidationError("--allow-keys needs --secret-key FILE, the coordinator's secret key")
        }
    }

    /// Refuses a bind that other machines can reach unless keys are given or `--insecure-open` is.
    func check(bind: String) throws {
        guard secretKey == nil, !insecureOpen, BindScope(endpoint: bind) == .network else { return }
        throw ValidationError(
            "--bind \(bind) can be reached from other machines; give --secret-key FILE and --allow-keys DIR to serve only "
                + "listed workers, encrypted, or --insecure-open to serve anyone, unencrypted; without them only loopback "
                + "(tcp://127.0.0.1:PORT), ipc:// and inproc:// are allowed")
    }

    /// The coordinator's key pair and allow-list; nil without `--secret-key`.
    func serverKeys() throws -> CurveServerKeys? {
        guard let secretKey, let allowKeys else { return nil }
        let keys = try Self.keyPair(secretKey, flag: "--secret-key")
        do {
            return CurveServerKeys(keys: keys, allowedClients: try CurveKeyFile.allowList(directory: allowKeys))
        } catch {
            throw ValidationError("--allow-keys: \(error)")
        }
    }

    /// The key pair of the secret key file given with `flag`; a bad file is a usage error naming the flag.
    static func keyPair(_ path: String, flag: String) throws -> CurveKeyPair {
        do {
            return try CurveKeyFile.readKeyPair(path)
        } catch {
            throw ValidationError("\(flag): \(error)")
        }
    }

    /// The public key in the file given with `flag`; a bad file is a usage error naming the flag.
    static func publicKey(_ path: String, flag: String) throws -> String {
        do {
            return try CurveKeyFile.read(path, kind: .public)
        } catch {
            throw ValidationError("\(flag): \(error)")
        }
    }

    /// The `mirrorsweep work` arguments that make a launched worker a CURVE client of this
    /// coordinator: `serverPublicKey` is the coordinator's `.public` file and `workerSecretKey` a
    /// worker's `.secret` file whose public key is in the allow-list, both as paths on the
    /// worker's machine.
    static func workerArguments(serverPublicKey: String, workerSecretKey: String) -> [String] {
        ["--server-public-key", serverPublicKey, "--secret-key", workerSecretKey]
    }
}

import ArgumentParser
import ZeroMQ

/// The CURVE options of `work`: the coordinator's public key and this worker's secret key.
struct WorkerCurveFlags: ParsableArguments {
    @Option(help: ArgumentHelp("The coordinator's CURVE public key file; needs --secret-key.", valueName: "file"))
    var serverPublicKey: String?

    @Option(help: ArgumentHelp(
        "This worker's CURVE secret key file; its public key must be in the coordinator's --allow-keys directory.",
        valueName: "file"))
    var secretKey: String?

    func validate() throws {
        if serverPublicKey != nil && secretKey == nil {
            throw ValidationError("--server-public-key needs --secret-key FILE, this worker's secret key")
        }
        if secretKey != nil && serverPublicKey == nil {
            throw ValidationError("--secret-key needs --server-public-key FILE, the coordinator's public key")
        }
    }

    /// The worker's CURVE keys; nil without the flags.
    func clientKeys() throws -> CurveClientKeys? {
        guard let serverPublicKey, let secretKey else { return nil }
        return CurveClientKeys(
            serverPublicKey: try CurveFlags.publicKey(serverPublicKey, flag: "--server-public-key"),
            keys: try CurveFlags.keyPair(secretKey, flag: "--secret-key"))
    }
}

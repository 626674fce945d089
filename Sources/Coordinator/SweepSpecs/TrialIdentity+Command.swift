import Core

extension TrialIdentity {
    /// The id of a command trial run with `seed`: lowercase hex SHA-256 of its
    /// ``CommandTrial/identityJSON`` (`{"command":[…],"fields":{…}}`, keys sorted) followed by
    /// `"\nseed=" + String(seed)`, the form of core trials' ids. The working directory and the
    /// timeout are not part of it.
    public static func id(command: CommandTrial, seed: UInt64) -> String {
        id(prefix: hasher(canonical: command.identityJSON), seed: seed)
    }
}

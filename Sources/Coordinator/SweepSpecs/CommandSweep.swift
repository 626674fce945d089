import Core
import JSON

/// The part of a spec with `command`: the template, how to run it, and the fields it sweeps.
struct CommandSweep: Sendable {
    /// The program and its arguments, with `{field}`, `{seed}` and `{trial_id}` placeholders.
    var command: [String]
    /// An absolute, standardized directory the program runs in; nil for a scratch directory per trial.
    var workingDirectory: String?
    /// Seconds an attempt may run; nil for no limit.
    var timeout: Double?
    /// Fields set by `base`.
    var base: [CommandEntry]
    /// Grid axes in spec order, then zip groups in spec order.
    var axes: [SpecAxis<CommandEntry>]

    /// A field name that is not an identifier, or is reserved, is refused with this.
    static let allowedFieldNames =
        "identifiers ([A-Za-z_][A-Za-z0-9_]*) other than \(CommandTrial.builtinPlaceholders.joined(separator: " and ")), which placeholders reserve"

    /// Whether `name` may name a field: an identifier that is not a built-in placeholder.
    static func isFieldName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first == "_" || first.properties.isAlphabetic,
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { return false }
        return !CommandTrial.builtinPlaceholders.contains(name)
    }
}

/// One field value of a command sweep, with where it was written.
struct CommandEntry: Sendable {
    var name: String
    var value: JSONValue
    /// The field's path in the spec, e.g. `base.epochs` or `grid.weight_decay[2]`.
    var path: String
    var location: SourceLocation
}

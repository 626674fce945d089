import JSON

/// A trial that runs the user's own program (a spec with `command`) instead of the core.
///
/// Its identity is the command template, the fields and the seed; the working directory and the
/// timeout only say how to run it (docs/COMMANDS.md).
public struct CommandTrial: Hashable, Sendable {
    /// The program and its arguments, with `{field}`, `{seed}` and `{trial_id}` placeholders.
    public var command: [String]
    /// The trial's fields, sorted by name, each name once.
    public var fields: [CommandField]
    /// An absolute directory the program runs in; nil gives each trial a fresh scratch directory.
    public var workingDirectory: String?
    /// Seconds an attempt may run before it is killed and counted failed; nil runs without limit.
    public var timeout: Double?

    /// A command trial; `fields` are sorted by name here.
    public init(command: [String], fields: [CommandField], workingDirectory: String? = nil, timeout: Double? = nil) {
        self.command = command
        self.fields = fields.sorted { $0.name < $1.name }
        self.workingDirectory = workingDirectory
        self.timeout = timeout
    }

    /// The value of the field `name`.
    package func field(_ name: String) -> JSONValue? {
        fields.first { $0.name == name }?.value
    }
}

/// One field of a ``CommandTrial``: a name and a JSON scalar or list.
public struct CommandField: Hashable, Sendable {
    public var name: String
    package var value: JSONValue

    package init(name: String, value: JSONValue) {
        self.name = name
        self.value = value
    }

    /// The value as text: as written for a number, a string or a boolean, JSON for a list.
    public var text: String { CommandField.text(of: value) }

    package static func text(of value: JSONValue) -> String {
        switch value {
        case .null: ""
        case let .bool(b): b ? "true" : "false"
        case let .int(n): String(n)
        case let .uint(n): String(n)
        case let .double(d): CommandField.shortest(d)
        case let .string(s): s
        case .array, .object:
            {
                var w = JSONWriter(format: .integralDoublesWithoutFraction)
                w.value(value)
                return String(decoding: w.bytes, as: UTF8.self)
            }()
        }
    }

    /// Swift's shortest round-trip form, without a trailing `.0` for integral values.
    private static func shortest(_ d: Double) -> String {
        var w = JSONWriter(format: .integralDoublesWithoutFraction)
        w.double(d)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

/// What a trial runs: the built-in core on a ``TrialConfig``, or the user's program.
public enum TrialWork: Hashable, Sendable {
    case core(TrialConfig)
    case command(CommandTrial)

    /// The core configuration, nil for a command trial.
    public var coreConfig: TrialConfig? {
        if case let .core(config) = self { config } else { nil }
    }

    /// The command trial, nil for a core trial.
    public var commandTrial: CommandTrial? {
        if case let .command(trial) = self { trial } else { nil }
    }
}

import JSON

extension CommandTrial {
    /// The JSON object an assignment's `config` and the journal's `config` column hold:
    /// `{"command":[…],"fields":{…},"timeout":…,"working_directory":…}`, keys sorted, the last two
    /// only when set.
    package var json: [UInt8] {
        var w = JSONWriter(capacity: 256, format: .integralDoublesWithoutFraction)
        w.raw("{")
        writeIdentity(to: &w)
        if let timeout {
            w.key("timeout")
            w.double(timeout)
        }
        if let workingDirectory {
            w.key("working_directory")
            w.string(workingDirectory)
        }
        w.raw("}")
        return w.bytes
    }

    /// The canonical text a trial id hashes, before the seed: `{"command":[…],"fields":{…}}`.
    package var identityJSON: [UInt8] {
        var w = JSONWriter(capacity: 256, format: .integralDoublesWithoutFraction)
        w.raw("{")
        writeIdentity(to: &w)
        w.raw("}")
        return w.bytes
    }

    private func writeIdentity(to w: inout JSONWriter) {
        w.key("command", first: true)
        w.strings(command)
        w.key("fields")
        w.value(.object(fields.map { (key: $0.name, value: Self.sortedKeys($0.value)) }))
    }

    /// `value` with the members of its objects sorted by key, so that the text is canonical.
    private static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .array(elements): .array(elements.map(sortedKeys))
        case let .object(members): .object(members.map { (key: $0.key, value: sortedKeys($0.value)) }.sorted { $0.key < $1.key })
        default: value
        }
    }

    /// Whether a decoded `config` object describes a command trial: it has a `command` member.
    package static func isCommand(_ members: [(key: String, value: JSONValue)]) -> Bool {
        members.member("command") != nil
    }

    /// Reads the object ``json`` writes; errors name the field under `path`.
    package init(json members: [(key: String, value: JSONValue)], at path: JSONPath = JSONPath([])) throws(JSONError) {
        func at(_ key: String) -> JSONPath { JSONPath(path.components + [.member(key)]) }
        guard let commandValue = members.member("command") else { throw .missingField(path: at("command")) }
        let elements = try commandValue.array(at: at("command"))
        var command: [String] = []
        for (i, element) in elements.enumerated() {
            command.append(try element.string(at: JSONPath(at("command").components + [.index(i)])))
        }
        guard !command.isEmpty else { throw .invalidValue(path: at("command"), reason: "the command is empty") }
        var fields: [CommandField] = []
        if let value = members.member("fields"), !value.isNull {
            for member in try value.object(at: at("fields")) {
                fields.append(CommandField(name: member.key, value: member.value))
            }
        }
        var timeout: Double?
        if let value = members.member("timeout"), !value.isNull {
            let seconds = try value.double(at: at("timeout"))
            guard seconds > 0, seconds.isFinite else {
                throw .invalidValue(path: at("timeout"), reason: "expected a number of seconds > 0")
            }
            timeout = seconds
        }
        var directory: String?
        if let value = members.member("working_directory"), !value.isNull {
            directory = try value.string(at: at("working_directory"))
        }
        self.init(command: command, fields: fields, workingDirectory: directory, timeout: timeout)
    }

    /// The file `MIRRORSWEEP_CONFIG` names: every field, then `seed` and `trial_id`, as one JSON object.
    package func configFile(seed: UInt64, trialID: String) -> [UInt8] {
        var members = fields.map { (key: $0.name, value: $0.value) }
        members.append((key: "seed", value: .uint(seed)))
        members.append((key: "trial_id", value: .string(trialID)))
        var w = JSONWriter(capacity: 256, format: [.prettyPrinted])
        w.value(.object(members))
        w.raw("\n")
        return w.bytes
    }
}

import Core
import JSON

/// Turns `Message` values into single JSON frames and back (docs/PROTOCOL.md).
///
/// JSON has no literal for NaN or ±Infinity: every double (in the envelope, a config or a result)
/// that is not finite is written as the string `"nan"`, `"inf"` or `"-inf"`, and those strings (as
/// well as Python's bare `NaN`, `Infinity`, `-Infinity`) are read back as such. Unknown fields are
/// ignored so that a newer peer may add optional ones.
public struct MessageCodec: Sendable {
    /// The default largest frame accepted by `decode`: 16 MiB.
    public static let defaultMaxMessageSize = 16 << 20

    /// The largest frame, in bytes, that `decode` accepts; larger ones fail before parsing.
    public var maxMessageSize: Int

    /// A codec that refuses frames larger than `maxMessageSize` bytes.
    public init(maxMessageSize: Int = MessageCodec.defaultMaxMessageSize) {
        self.maxMessageSize = maxMessageSize
    }

    /// The JSON frame of `message`.
    public static func encode(_ message: Message) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"v\":")
        w.int(protocolVersion)
        w.key("type")
        w.string(message.type.rawValue)
        switch message {
        case let .hello(workerID, version, slots, host, pid):
            w.key("worker_id"); w.string(workerID)
            w.key("version"); w.int(version)
            w.key("slots"); w.int(slots)
            w.key("host"); w.string(host)
            w.key("pid"); w.int(pid)
        case let .welcome(interval, liveness, runID):
            w.key("heartbeat_interval"); w.double(interval)
            w.key("heartbeat_liveness"); w.int(liveness)
            w.key("run_id"); w.string(runID)
        case let .refuse(reason), let .shutdown(reason), let .bye(reason):
            w.key("reason"); w.string(reason)
        case let .workRequest(credit):
            w.key("credit"); w.int(credit)
        case let .assignment(trialID, attempt, seed, work):
            return encodeAssignment(trialID: trialID, attempt: attempt, seed: seed, configJSON: configJSON(work))
        case let .progress(trialID, attempt, step, totalSteps, metrics):
            w.key("trial_id"); w.string(trialID)
            w.key("attempt"); w.int(attempt)
            w.key("step"); w.int(step)
            w.key("total_steps"); w.int(totalSteps)
            w.key("metrics"); w.doubles(metrics)
        case let .result(trialID, attempt, result):
            w.key("trial_id"); w.string(trialID)
            w.key("attempt"); w.int(attempt)
            w.key("result"); encodeCodable(result, into: &w)
        case let .failure(trialID, attempt, message, log):
            w.key("trial_id"); w.string(trialID)
            w.key("attempt"); w.int(attempt)
            if let log { w.key("log"); w.string(log) }
            w.key("message"); w.string(message)
        case let .ack(trialID):
            w.key("trial_id"); w.string(trialID)
        case .heartbeat:
            break
        case let .holding(trialIDs):
            w.key("trial_ids"); w.strings(trialIDs)
        }
        w.raw("}")
        return w.bytes
    }

    /// The JSON of `work` as an assignment's `config` carries it: a core configuration, or a
    /// command trial's object with its `command` member.
    public static func configJSON(_ work: TrialWork) -> [UInt8] {
        switch work {
        case let .core(config):
            var w = JSONWriter()
            encodeCodable(config, into: &w)
            return w.bytes
        case let .command(trial):
            return trial.json
        }
    }

    /// The frame of `.assignment(trialID:attempt:seed:config:)` with the config already encoded by
    /// ``configJSON(_:)``: the bytes ``encode(_:)`` writes, for a sender that assigns one config
    /// to many seeds.
    public static func encodeAssignment(trialID: String, attempt: Int, seed: UInt64, configJSON: [UInt8]) -> [UInt8] {
        var w = JSONWriter(capacity: configJSON.count + 160)
        w.raw("{\"v\":")
        w.int(protocolVersion)
        w.key("type")
        w.string(MessageType.assignment.rawValue)
        w.key("trial_id"); w.string(trialID)
        w.key("attempt"); w.int(attempt)
        w.key("seed"); w.int(seed)
        w.key("config"); w.json(configJSON)
        w.raw("}")
        return w.bytes
    }

    /// `TrialConfig` and `TrialResult` encode only numbers, strings, arrays and objects, and their
    /// `encode(to:)` never throws.
    private static func encodeCodable<T: Encodable>(_ value: T, into w: inout JSONWriter) {
        do {
            try JSONNodeEncoder.encode(value, into: &w)
        } catch {
            preconditionFailure("encoding \(T.self) cannot fail: \(error)")
        }
    }

    /// Decodes one frame with the default size limit.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> Message {
        try MessageCodec().decode(bytes)
    }

    /// Decodes one frame. Checks, in order: the size limit, JSON syntax (and nothing after the
    /// value), that it is an object, `v` = `protocolVersion`, a known `type`, then each field.
    public func decode(_ bytes: [UInt8]) throws(WireError) -> Message {
        guard bytes.count <= maxMessageSize else { throw .oversize(size: bytes.count, limit: maxMessageSize) }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw WireError(error, messageType: nil)
        }
        guard case let .object(members) = json else { throw .notAnObject(found: json.kindName) }
        let f = Fields(members: members)
        let version: Int
        do {
            version = try f.integer("v", Int.self)
        } catch {
            throw WireError(error, messageType: nil)
        }
        guard version == protocolVersion else { throw .unsupportedVersion(found: version, supported: protocolVersion) }
        let typeName: String
        do {
            typeName = try f.string("type")
        } catch {
            throw WireError(error, messageType: nil)
        }
        guard let type = MessageType(rawValue: typeName) else { throw .unknownType(typeName) }
        do {
            return try Self.message(type, f)
        } catch {
            throw WireError(error, messageType: typeName)
        }
    }

    /// The message of `type` whose fields are `f`.
    private static func message(_ type: MessageType, _ f: Fields) throws(JSONError) -> Message {
        switch type {
        case .hello:
            return .hello(
                workerID: try f.string("worker_id"), version: try f.integer("version", Int.self),
                slots: try f.integer("slots", Int.self), host: try f.string("host"), pid: try f.integer("pid", Int32.self))
        case .welcome:
            return .welcome(
                heartbeatInterval: try f.double("heartbeat_interval"),
                heartbeatLiveness: try f.integer("heartbeat_liveness", Int.self), runID: try f.string("run_id"))
        case .refuse:
            return .refuse(reason: try f.string("reason"))
        case .workRequest:
            return .workRequest(credit: try f.integer("credit", Int.self))
        case .assignment:
            return .assignment(
                trialID: try f.string("trial_id"), attempt: try f.integer("attempt", Int.self),
                seed: try f.integer("seed", UInt64.self), work: try f.work("config"))
        case .progress:
            return .progress(
                trialID: try f.string("trial_id"), attempt: try f.integer("attempt", Int.self),
                step: try f.integer("step", Int.self), totalSteps: try f.integer("total_steps", Int.self),
                metrics: try f.doubles("metrics"))
        case .result:
            return .result(
                trialID: try f.string("trial_id"), attempt: try f.integer("attempt", Int.self),
                result: try f.decodable("result", TrialResult.self))
        case .failure:
            return .failure(
                trialID: try f.string("trial_id"), attempt: try f.integer("attempt", Int.self),
                message: try f.string("message"), log: try f.optionalString("log"))
        case .ack:
            return .ack(trialID: try f.string("trial_id"))
        case .heartbeat:
            return .heartbeat
        case .holding:
            return .holding(trialIDs: try f.strings("trial_ids"))
        case .shutdown:
            return .shutdown(reason: try f.string("reason"))
        case .bye:
            return .bye(reason: try f.string("reason"))
        }
    }
}

/// The top-level fields of one message, read with errors that name the field.
private struct Fields {
    let members: [(key: String, value: JSONValue)]

    private func value(_ key: String) throws(JSONError) -> JSONValue {
        guard let v = members.member(key), !v.isNull else { throw .missingField(path: JSONPath([.member(key)])) }
        return v
    }

    func string(_ key: String) throws(JSONError) -> String { try value(key).string(at: JSONPath([.member(key)])) }
    func double(_ key: String) throws(JSONError) -> Double { try value(key).double(at: JSONPath([.member(key)])) }

    func integer<T: FixedWidthInteger>(_ key: String, _ type: T.Type) throws(JSONError) -> T {
        try value(key).integer(type, at: JSONPath([.member(key)]))
    }

    func strings(_ key: String) throws(JSONError) -> [String] {
        let array = try value(key).array(at: JSONPath([.member(key)]))
        var strings: [String] = []
        strings.reserveCapacity(array.count)
        for (index, v) in array.enumerated() {
            strings.append(try v.string(at: JSONPath([.member(key), .index(index)])))
        }
        return strings
    }

    func doubles(_ key: String) throws(JSONError) -> [String: Double] {
        let object = try value(key).object(at: JSONPath([.member(key)]))
        var dict = [String: Double](minimumCapacity: object.count)
        for (name, v) in object {
            dict[name] = try v.double(at: JSONPath([.member(key), .member(name)]))
        }
        return dict
    }

    func optionalString(_ key: String) throws(JSONError) -> String? {
        guard let v = members.member(key), !v.isNull else { return nil }
        return try v.string(at: JSONPath([.member(key)]))
    }

    /// An assignment's `config`: a command trial when it has a `command` member, else a core configuration.
    func work(_ key: String) throws(JSONError) -> TrialWork {
        let config = try value(key)
        if case let .object(members) = config, CommandTrial.isCommand(members) {
            return .command(try CommandTrial(json: members, at: JSONPath([.member(key)])))
        }
        return .core(try decodable(key, TrialConfig.self))
    }

    func decodable<T: Decodable>(_ key: String, _ type: T.Type) throws(JSONError) -> T {
        try JSONNodeDecoder.decode(type, from: try value(key), codingPath: [JSONKey(stringValue: key)])
    }
}

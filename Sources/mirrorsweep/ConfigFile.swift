import ArgumentParser
import Core
import Foundation
import JSON
import Yams

/// A ``TrialConfig`` read from a YAML or JSON file (JSON when the name ends in `.json`).
///
/// Keys are TrialConfig's snake_case field names; any other key is an error. Every error is a
/// usage error that names the file, the line (YAML) and the field.
struct ConfigFile {
    let path: String
    let config: TrialConfig
    /// The keys the file sets, in file order for YAML and sorted for JSON.
    let keys: [String]
    /// The 1-based line of each key (YAML only).
    let lines: [String: Int]

    /// Reads and decodes the file at `path`.
    init(path: String) throws {
        self.path = path
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("--config \(path): cannot read the file: \(error.localizedDescription)")
        }
        let isJSON = path.lowercased().hasSuffix(".json")
        let yaml = isJSON ? nil : try Self.yamlMapping(text, path: path)
        let json = isJSON ? try Self.jsonObject(text, path: path) : []
        let (keys, lines) = yaml.map(Self.keys(of:)) ?? (Self.jsonKeys(json), [:])
        self.keys = keys
        self.lines = lines
        let allowed = TrialConfig.fieldNames
        for key in keys where !allowed.contains(key) {
            throw ValidationError(
                "\(Self.location(path, lines[key])): unknown key '\(key)'; allowed keys: \(allowed.joined(separator: ", "))"
            )
        }
        do {
            config = try yaml.map { try YAMLDecoder().decode(TrialConfig.self, from: $0) }
                ?? JSONNodeDecoder.decode(TrialConfig.self, from: .object(json))
        } catch let error as CoreError {
            throw ValidationError("\(Self.location(path, Self.field(of: error).flatMap { lines[$0] })): \(error)")
        } catch let error as DecodingError {
            throw ValidationError(Self.describe(error, path: path, lines: lines))
        } catch let error as JSONError {
            throw ValidationError(Self.describe(error, path: path))
        } catch {
            throw ValidationError("\(path): \(error)")
        }
    }

    /// Where `key` is set in the file: `path:line` for YAML, `path` for JSON.
    func location(of key: String) -> String {
        Self.location(path, lines[key])
    }

    private static func location(_ path: String, _ line: Int?) -> String {
        line.map { "\(path):\($0)" } ?? path
    }

    private static func field(of error: CoreError) -> String? {
        if case let .invalidField(field, _, _) = error { return field }
        return nil
    }

    /// The YAML document, which must be a mapping (an empty document is an empty mapping).
    private static func yamlMapping(_ text: String, path: String) throws -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ValidationError("\(path): not valid YAML: \(error)")
        }
        guard let root else { return Node.mapping(Node.Mapping([])) }
        guard root.mapping != nil else {
            throw ValidationError("\(location(path, root.mark?.line)): expected a mapping of TrialConfig fields (key: value lines)")
        }
        return root
    }

    /// The top-level keys of a YAML mapping, in order, with their lines.
    private static func keys(of root: Node) -> ([String], [String: Int]) {
        var keys: [String] = []
        var lines: [String: Int] = [:]
        for (key, _) in root.mapping ?? Node.Mapping([]) {
            let name = key.string ?? "\(key)"
            keys.append(name)
            lines[name] = key.mark?.line
        }
        return (keys, lines)
    }

    /// The members of the JSON document, which must be an object.
    private static func jsonObject(_ text: String, path: String) throws -> [(key: String, value: JSONValue)] {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw ValidationError("\(path): not valid JSON: \(error)")
        }
        guard case let .object(members) = document else {
            throw ValidationError("\(path): expected a JSON object of TrialConfig fields")
        }
        return members
    }

    /// The distinct keys of a JSON object's members, sorted.
    private static func jsonKeys(_ members: [(key: String, value: JSONValue)]) -> [String] {
        Set(members.map(\.key)).sorted()
    }

    /// A JSON config's error, worded as for YAML: a field's own error (a bad schedule) as it is, a
    /// refused value as the field and what it allows.
    private static func describe(_ error: JSONError, path: String) -> String {
        switch error {
        case let .rejected(_, reason):
            return "\(path): \(reason)"
        case let .missingField(at), let .wrongType(at, _, _), let .invalidValue(at, _):
            guard case let .member(field)? = at.components.first else { return "\(path): \(error)" }
            return "\(path): invalid value for field '\(field)': allowed \(TrialConfig.field(named: field)?.expected ?? "a TrialConfig field")"
        case .malformed, .trailingBytes:
            return "\(path): \(error)"
        }
    }

    private static func describe(_ error: DecodingError, path: String, lines: [String: Int]) -> String {
        let context: DecodingError.Context
        switch error {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .keyNotFound(_, c), let .dataCorrupted(c):
            context = c
        @unknown default:
            return "\(path): \(error)"
        }
        guard let field = context.codingPath.first?.stringValue else {
            return "\(path): \(context.debugDescription)"
        }
        return "\(location(path, lines[field])): invalid value for field '\(field)': allowed \(TrialConfig.field(named: field)?.expected ?? "a TrialConfig field")"
    }
}

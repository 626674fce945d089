import ArgumentParser
import Core
import Foundation
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
        let (keys, lines) = try yaml.map(Self.keys(of:)) ?? Self.jsonKeys(text, path: path)
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
                ?? JSONDecoder().decode(TrialConfig.self, from: Data(text.utf8))
        } catch let error as CoreError {
            throw ValidationError("\(Self.location(path, Self.field(of: error).flatMap { lines[$0] })): \(error)")
        } catch let error as DecodingError {
            throw ValidationError(Self.describe(error, path: path, lines: lines))
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

    /// The top-level keys of a JSON object.
    private static func jsonKeys(_ text: String, path: String) throws -> ([String], [String: Int]) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw ValidationError("\(path): not valid JSON: \(error.localizedDescription)")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ValidationError("\(path): expected a JSON object of TrialConfig fields")
        }
        return (dictionary.keys.sorted(), [:])
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

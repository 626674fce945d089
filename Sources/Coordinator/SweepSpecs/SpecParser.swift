import Core
import Foundation
import Yams

/// Turns spec YAML into a `SweepSpec`, keeping each value's line and column.
struct SpecParser {
    /// The top-level keys a spec may hold.
    static let topLevelKeys = ["name", "description", "command", "working_directory", "timeout", "base", "grid", "zip", "seeds"]

    /// The top-level keys that only a spec with `command` may hold.
    static let commandKeys = ["working_directory", "timeout"]

    let file: String
    let reader: SpecNodeReader

    init(file: String) {
        self.file = file
        self.reader = SpecNodeReader(file: file)
    }

    func parse(_ yaml: String) throws(SpecError) -> SweepSpec {
        let root = try compose(yaml)
        let rootLocation = SourceLocation(file: file, line: 1, column: 1)
        guard let root else {
            throw .wrongType(at: rootLocation, path: "(document)", found: "an empty document",
                             expected: "a mapping with keys \(Self.topLevelKeys.joined(separator: ", "))")
        }
        guard case let .mapping(top) = root else {
            throw reader.wrongType(root, "(document)", "a mapping with keys \(Self.topLevelKeys.joined(separator: ", "))")
        }
        var fields: [String: Node] = [:]
        var keyNodes: [String: Node] = [:]
        for (keyNode, value) in top {
            let key = try self.key(keyNode, in: "(document)")
            guard Self.topLevelKeys.contains(key) else {
                throw .unknownKey(at: reader.location(keyNode), path: "(document)", key: key, allowed: Self.topLevelKeys)
            }
            fields[key] = value
            keyNodes[key] = keyNode
        }
        let name = try parseName(fields["name"])
        var description: String?
        if let node = fields["description"], node.null == nil {
            guard case let .scalar(s) = node else { throw reader.wrongType(node, "description", "a string") }
            description = s.string
        }
        var base: [SpecEntry] = []
        var axes: [SpecAxis<SpecEntry>] = []
        var commandSweep: CommandSweep?
        if let command = fields["command"], command.null == nil {
            commandSweep = try parseCommandSweep(command, fields)
        } else {
            for key in Self.commandKeys {
                if let keyNode = keyNodes[key] { throw .needsCommand(at: reader.location(keyNode), key: key) }
            }
            base = try fields["base"].map(parseBase) ?? []
            axes = try parseAxes(grid: fields["grid"], zip: fields["zip"]) { (keyNode, path) throws(SpecError) in
                let field = try self.field(keyNode, in: path)
                return (field, field.name)
            } values: { (field, node, path) throws(SpecError) in
                try axisValues(node, field: field, path: path)
            }
        }
        let seeds = try fields["seeds"].map(parseSeeds) ?? [0]
        let counts = commandSweep.map { $0.axes.map(\.points.count) } ?? axes.map(\.points.count)
        try checkSize(axisLengths: counts, seeds: seeds.count, at: reader.location(root))
        return SweepSpec(name: name, description: description, file: file, seeds: seeds,
                         base: base, axes: axes, commandSweep: commandSweep, root: reader.location(root))
    }

    /// Refuses a spec of more than ``SweepSpec/maxTrials`` trials before anything is expanded.
    private func checkSize(axisLengths: [Int], seeds: Int, at location: SourceLocation) throws(SpecError) {
        var trials = seeds
        for count in axisLengths {
            let (product, overflow) = trials.multipliedReportingOverflow(by: count)
            guard !overflow, product <= SweepSpec.maxTrials else {
                throw .invalidValue(at: location, path: "grid", value: "more than \(SweepSpec.maxTrials) trials",
                                    allowed: "at most \(SweepSpec.maxTrials) trials (grid points × seeds)")
            }
            trials = product
        }
    }

    private func compose(_ yaml: String) throws(SpecError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw .specSyntax(at: SourceLocation(file: file, line: 1, column: 1), reason: "\(error)")
        }
    }

    private func syntaxError(_ error: YamlError) -> SpecError {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let reason = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
            return .specSyntax(at: at(mark), reason: reason)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .specSyntax(at: at(context.mark),
                               reason: "duplicate key '\(duplicates.joined(separator: "', '"))' in a mapping; each key may appear once")
        default:
            return .specSyntax(at: SourceLocation(file: file, line: 1, column: 1), reason: error.description)
        }
    }

    func key(_ node: Node, in path: String) throws(SpecError) -> String {
        guard case let .scalar(s) = node else { throw reader.wrongType(node, path, "string keys") }
        return s.string
    }

    private func field(_ keyNode: Node, in path: String) throws(SpecError) -> ConfigField {
        let name = try key(keyNode, in: path)
        guard let field = TrialConfig.field(named: name) else {
            throw .unknownKey(at: reader.location(keyNode), path: path, key: name, allowed: ConfigField.names)
        }
        return field
    }

    private func parseName(_ node: Node?) throws(SpecError) -> String {
        let allowed = "letters, digits, '.', '_' and '-' only"
        let valid = { (s: String) in !s.isEmpty && s.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) } }
        guard let node, node.null == nil else {
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            guard valid(stem) else {
                throw .invalidValue(at: SourceLocation(file: file, line: 1, column: 1), path: "name",
                                    value: stem, allowed: "\(allowed); the file name is not a valid name, so set `name`")
            }
            return stem
        }
        guard case let .scalar(s) = node else { throw reader.wrongType(node, "name", "a string") }
        guard valid(s.string) else {
            throw .invalidValue(at: reader.location(node), path: "name", value: s.string, allowed: allowed)
        }
        return s.string
    }

    private func parseBase(_ node: Node) throws(SpecError) -> [SpecEntry] {
        if node.null != nil { return [] }
        guard case let .mapping(map) = node else { throw reader.wrongType(node, "base", "a mapping of config fields") }
        var entries: [SpecEntry] = []
        for (keyNode, valueNode) in map {
            let field = try self.field(keyNode, in: "base")
            let path = "base.\(field.name)"
            let value = try reader.value(of: valueNode, for: field, path: path)
            entries.append(SpecEntry(field: field, value: value, path: path, location: reader.location(valueNode)))
        }
        return entries
    }

    /// The values of one axis list at `path` (e.g. `grid.depth`).
    private func axisValues(_ node: Node, field: ConfigField, path: String) throws(SpecError) -> [SpecEntry] {
        guard case let .sequence(seq) = node else {
            throw reader.wrongType(node, path, "a non-empty list of values (\(field.expected))")
        }
        guard seq.count > 0 else {
            throw .invalidValue(at: reader.location(node), path: path, value: "[]", allowed: "a non-empty list of values")
        }
        var entries: [SpecEntry] = []
        for (i, element) in seq.enumerated() {
            let p = "\(path)[\(i)]"
            let value = try reader.value(of: element, for: field, path: p)
            entries.append(SpecEntry(field: field, value: value, path: p, location: reader.location(element)))
        }
        return entries
    }

    /// The axes of `grid` and `zip`: `key` reads a field key (with the path of its mapping) as the
    /// field and its name, `values` reads a field's list of values at a path.
    func parseAxes<Key, Entry>(
        grid: Node?, zip: Node?,
        key: (Node, String) throws(SpecError) -> (Key, String),
        values: (Key, Node, String) throws(SpecError) -> [Entry]
    ) throws(SpecError) -> [SpecAxis<Entry>] {
        var axisPaths: [String: String] = [:]
        func claim(_ name: String, _ path: String, _ keyNode: Node) throws(SpecError) {
            if let first = axisPaths[name] {
                throw .duplicateAxis(at: reader.location(keyNode), field: name, firstPath: first)
            }
            axisPaths[name] = path
        }
        var axes: [SpecAxis<Entry>] = []
        if let grid, grid.null == nil {
            guard case let .mapping(map) = grid else { throw reader.wrongType(grid, "grid", "a mapping of field → list of values") }
            for (keyNode, valueNode) in map {
                let (field, name) = try key(keyNode, "grid")
                let path = "grid.\(name)"
                try claim(name, path, keyNode)
                axes.append(SpecAxis(names: [name], points: try values(field, valueNode, path).map { [$0] }))
            }
        }
        guard let zip, zip.null == nil else { return axes }
        guard case let .sequence(groups) = zip else { throw reader.wrongType(zip, "zip", "a list of groups (mappings of field → list)") }
        for (g, groupNode) in groups.enumerated() {
            let groupPath = "zip[\(g)]"
            guard case let .mapping(map) = groupNode, map.count > 0 else {
                throw reader.wrongType(groupNode, groupPath, "a non-empty mapping of field → list of values")
            }
            var names: [String] = []
            var columns: [[Entry]] = []
            for (keyNode, valueNode) in map {
                let (field, name) = try key(keyNode, groupPath)
                let path = "\(groupPath).\(name)"
                try claim(name, path, keyNode)
                names.append(name)
                columns.append(try values(field, valueNode, path))
            }
            let lengths = Set(columns.map(\.count))
            if lengths.count > 1 {
                var byField: [String: Int] = [:]
                for (name, column) in Swift.zip(names, columns) { byField[name] = column.count }
                throw .zipLengthMismatch(at: reader.location(groupNode), path: groupPath, lengths: byField)
            }
            let points = (0..<columns[0].count).map { i in columns.map { $0[i] } }
            axes.append(SpecAxis(names: names, points: points))
        }
        return axes
    }

    private func parseSeeds(_ node: Node) throws(SpecError) -> [UInt64] {
        let expected = "a count N ≥ 1 (seeds 0..<N; at most \(SweepSpec.maxTrials) trials in all) or a non-empty list of distinct integers 0 … 18446744073709551615"
        if case let .sequence(seq) = node {
            guard seq.count > 0 else {
                throw .invalidValue(at: reader.location(node), path: "seeds", value: "[]", allowed: expected)
            }
            var seen: [UInt64: Int] = [:]
            var seeds: [UInt64] = []
            for (i, element) in seq.enumerated() {
                let path = "seeds[\(i)]"
                let seed = try reader.unsigned64(element, path, "an integer 0 … 18446744073709551615")
                if let first = seen[seed] {
                    throw .invalidValue(at: reader.location(element), path: path, value: String(seed),
                                        allowed: "distinct seeds; \(seed) is already seeds[\(first)]")
                }
                seen[seed] = i
                seeds.append(seed)
            }
            return seeds
        }
        let count = try reader.integer(node, "seeds", expected)
        guard (1...SweepSpec.maxTrials).contains(count) else {
            throw .invalidValue(at: reader.location(node), path: "seeds", value: String(count), allowed: expected)
        }
        return (0..<UInt64(count)).map { $0 }
    }
}

import Core
import Yams

extension SpecParser {
    /// The command, its run settings and its fields, from a spec's top-level `fields` with `command`.
    func parseCommandSweep(_ commandNode: Node, _ fields: [String: Node]) throws(SpecError) -> CommandSweep {
        let arguments = try reader.command(commandNode)
        var workingDirectory: String?
        if let node = fields["working_directory"], node.null == nil { workingDirectory = try reader.workingDirectory(node) }
        var timeout: Double?
        if let node = fields["timeout"], node.null == nil { timeout = try reader.timeout(node) }
        let base = try fields["base"].map(parseCommandBase) ?? []
        let axes = try parseAxes(grid: fields["grid"], zip: fields["zip"]) { (keyNode, path) throws(SpecError) in
            let name = try commandFieldName(keyNode, in: path)
            return (name, name)
        } values: { (name, node, path) throws(SpecError) in
            try commandAxisValues(node, name: name, path: path)
        }
        try checkPlaceholders(arguments, fields: Set(base.map(\.name) + axes.flatMap(\.names)))
        return CommandSweep(command: arguments.map(\.text), workingDirectory: workingDirectory, timeout: timeout,
                            base: base, axes: axes)
    }

    /// Refuses a placeholder that names neither a field nor `seed` or `trial_id`, at its `{`.
    private func checkPlaceholders(_ arguments: [CommandArgument], fields: Set<String>) throws(SpecError) {
        for argument in arguments {
            for placeholder in CommandTrial.placeholders(in: argument.text)
            where !fields.contains(placeholder.name) && !CommandTrial.builtinPlaceholders.contains(placeholder.name) {
                throw .unknownPlaceholder(at: argument.location(ofCharacter: placeholder.offset), path: argument.path,
                                          name: placeholder.name, allowed: fields.sorted() + CommandTrial.builtinPlaceholders)
            }
        }
    }

    /// A field key of a command sweep: an identifier other than the reserved placeholder names.
    private func commandFieldName(_ keyNode: Node, in path: String) throws(SpecError) -> String {
        let name = try key(keyNode, in: path)
        guard CommandSweep.isFieldName(name) else {
            throw .invalidFieldName(at: reader.location(keyNode), path: path, name: name, allowed: CommandSweep.allowedFieldNames)
        }
        return name
    }

    private func parseCommandBase(_ node: Node) throws(SpecError) -> [CommandEntry] {
        if node.null != nil { return [] }
        guard case let .mapping(map) = node else { throw reader.wrongType(node, "base", "a mapping of field → value") }
        var entries: [CommandEntry] = []
        for (keyNode, valueNode) in map {
            let name = try commandFieldName(keyNode, in: "base")
            let path = "base.\(name)"
            entries.append(CommandEntry(name: name, value: try reader.commandValue(of: valueNode, path: path), path: path,
                                        location: reader.location(valueNode)))
        }
        return entries
    }

    /// The values of the axis list of field `name` at `path` (e.g. `grid.weight_decay`).
    private func commandAxisValues(_ node: Node, name: String, path: String) throws(SpecError) -> [CommandEntry] {
        guard case let .sequence(seq) = node else { throw reader.wrongType(node, path, "a non-empty list of values") }
        guard !seq.isEmpty else {
            throw .invalidValue(at: reader.location(node), path: path, value: "[]", allowed: "a non-empty list of values")
        }
        var entries: [CommandEntry] = []
        for (i, element) in seq.enumerated() {
            let p = "\(path)[\(i)]"
            entries.append(CommandEntry(name: name, value: try reader.commandValue(of: element, path: p), path: p,
                                        location: reader.location(element)))
        }
        return entries
    }
}

import Core
import Yams

/// Converts Yams nodes to typed field values, reporting errors at the node's mark.
struct SpecNodeReader {
    /// The spec file's path, for locations.
    let file: String

    /// The location of `node`, or line 1, column 1 when Yams gave no mark.
    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// A short description of what a node holds, for "found …" in messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(s):
            if node.null != nil { return "null" }
            return s.style == .plain ? "'\(s.string)'" : "the string \"\(s.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The value of `node` for `field`; `path` names the node in messages (e.g. `grid.depth[1]`).
    func value(of node: Node, for field: ConfigField, path: String) throws(SpecError) -> ConfigValue {
        if node.null != nil {
            guard field.isOptional else { throw wrongType(node, path, field.expected) }
            return .null
        }
        switch field.kind {
        case .integer: return .int(try integer(node, path, field.expected))
        case .unsigned64: return .uint(try unsigned64(node, path, field.expected))
        case .number: return .double(try number(node, path, field.expected))
        case .path, .text: return .string(try text(node, field, path))
        case let .choice(allowed):
            let s = try text(node, field, path)
            guard allowed.contains(s) else {
                throw .invalidValue(at: location(node), path: path, value: s, allowed: allowed.joined(separator: ", "))
            }
            return .choice(s)
        case .schedule:
            let s = try text(node, field, path)
            do {
                return .schedule(try WeightDecaySchedule(parsing: s))
            } catch {
                throw invalid(node, path, s, error)
            }
        case .initialPoint:
            let s = try text(node, field, path)
            do {
                return .initialPoint(try InitialPoint(parsing: s))
            } catch {
                throw invalid(node, path, s, error)
            }
        case .numbers:
            return .doubles(try list(node, path, field.expected, "a number") { (n, p, e) throws(SpecError) in try number(n, p, e) })
        case .integers:
            return .ints(try list(node, path, field.expected, "an integer") { (n, p, e) throws(SpecError) in try integer(n, p, e) })
        }
    }

    /// A list of elements, or a single element as a list of one.
    private func list<T>(
        _ node: Node, _ path: String, _ expected: String, _ elementExpected: String,
        _ element: (Node, String, String) throws(SpecError) -> T
    ) throws(SpecError) -> [T] {
        guard case let .sequence(seq) = node else { return [try element(node, path, expected)] }
        var values: [T] = []
        for (i, item) in seq.enumerated() {
            values.append(try element(item, "\(path)[\(i)]", elementExpected))
        }
        return values
    }

    /// A plain integer; `1e4`-style integral numbers and `_` separators are accepted.
    func integer(_ node: Node, _ path: String, _ expected: String) throws(SpecError) -> Int {
        guard let v = TrialConfigField.integer(try numberText(node, path, expected)) else { throw wrongType(node, path, expected) }
        return v
    }

    /// A plain integer 0 … 2⁶⁴−1, such as a seed; `1e4`-style integral numbers and `_`
    /// separators are accepted.
    func unsigned64(_ node: Node, _ path: String, _ expected: String) throws(SpecError) -> UInt64 {
        let raw = try numberText(node, path, expected)
        if let v = UInt64(raw) { return v }
        guard let v = TrialConfigField.integer(raw), v >= 0 else { throw wrongType(node, path, expected) }
        return UInt64(v)
    }

    /// A plain number. YAML 1.1 resolves `1e-3` as a string; the field's type decides instead.
    func number(_ node: Node, _ path: String, _ expected: String) throws(SpecError) -> Double {
        let raw = try numberText(node, path, expected)
        guard let v = Double(raw) else { throw wrongType(node, path, expected) }
        return v
    }

    /// The text of an unquoted scalar made of digits, sign, point and exponent only.
    private func numberText(_ node: Node, _ path: String, _ expected: String) throws(SpecError) -> String {
        guard case let .scalar(s) = node, s.style == .plain else { throw wrongType(node, path, expected) }
        let raw = s.string.replacingOccurrences(of: "_", with: "")
        let allowed = Set("0123456789+-.eE")
        guard !raw.isEmpty, raw.allSatisfy(allowed.contains) else { throw wrongType(node, path, expected) }
        return raw
    }

    /// The text of a scalar, for string-valued fields.
    func text(_ node: Node, _ field: ConfigField, _ path: String) throws(SpecError) -> String {
        guard case let .scalar(s) = node else { throw wrongType(node, path, field.expected) }
        return s.string
    }

    func wrongType(_ node: Node, _ path: String, _ expected: String) -> SpecError {
        .wrongType(at: location(node), path: path, found: Self.describe(node), expected: expected)
    }

    private func invalid(_ node: Node, _ path: String, _ value: String, _ error: CoreError) -> SpecError {
        if case let .invalidField(_, _, allowed) = error {
            return .invalidValue(at: location(node), path: path, value: value, allowed: allowed)
        }
        return .invalidValue(at: location(node), path: path, value: value, allowed: error.description)
    }
}

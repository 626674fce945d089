import Core
import Yams

/// Converts Yams nodes to typed field values, reporting errors at the node's mark.
struct NodeConversion {
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
    func value(of node: Node, for field: ConfigField, path: String) throws(CoordinatorError) -> FieldValue {
        if node.null != nil {
            guard field.isOptional else { throw wrongType(node, path, field.expected) }
            return .null
        }
        switch field {
        case .problem: return .problem(try choice(node, field, path))
        case .parameterization: return .parameterization(try choice(node, field, path))
        case .regularizer: return .regularizer(try choice(node, field, path))
        case .optimizer: return .optimizer(try choice(node, field, path))
        case .data: return .string(try text(node, field, path))
        case .samples, .dimension, .sparsity, .testSamples, .depth, .steps, .curvePoints, .batchSize:
            return .int(try integer(node, path, field.expected))
        case .dataSeed:
            let raw = try numberText(node, path, field.expected)
            guard let v = UInt64(raw) else { throw wrongType(node, path, field.expected) }
            return .uint(v)
        case .noise, .initScale, .weightDecay, .learningRate, .momentum:
            return .double(try number(node, path, field.expected))
        case .schedule:
            let s = try text(node, field, path)
            do {
                return .schedule(try WeightDecaySchedule(parsing: s))
            } catch {
                throw invalid(node, path, s, error)
            }
        case .thresholds, .pruneSparsities:
            if case let .sequence(seq) = node {
                var list: [Double] = []
                for (i, element) in seq.enumerated() {
                    list.append(try number(element, "\(path)[\(i)]", "a number"))
                }
                return .doubles(list)
            }
            return .doubles([try number(node, path, field.expected)])
        case .rank, .measurements: return .int(try integer(node, path, field.expected))
        case .model: return .model(try choice(node, field, path))
        case .widths:
            if case let .sequence(seq) = node {
                var list: [Int] = []
                for (i, element) in seq.enumerated() {
                    list.append(try integer(element, "\(path)[\(i)]", "an integer"))
                }
                return .ints(list)
            }
            return .ints([try integer(node, path, field.expected)])
        case .l1Penalty:
            return .double(try number(node, path, field.expected))
        }
    }

    /// A plain integer; `1e4`-style integral numbers and `_` separators are accepted.
    func integer(_ node: Node, _ path: String, _ expected: String) throws(CoordinatorError) -> Int {
        let raw = try numberText(node, path, expected)
        if let v = Int(raw) { return v }
        if let d = Double(raw), d == d.rounded(), abs(d) < 9e18 { return Int(d) }
        throw wrongType(node, path, expected)
    }

    /// A plain number. YAML 1.1 resolves `1e-3` as a string; the field's type decides instead.
    func number(_ node: Node, _ path: String, _ expected: String) throws(CoordinatorError) -> Double {
        let raw = try numberText(node, path, expected)
        guard let v = Double(raw) else { throw wrongType(node, path, expected) }
        return v
    }

    /// The text of an unquoted scalar made of digits, sign, point and exponent only.
    private func numberText(_ node: Node, _ path: String, _ expected: String) throws(CoordinatorError) -> String {
        guard case let .scalar(s) = node, s.style == .plain else { throw wrongType(node, path, expected) }
        let raw = s.string.replacingOccurrences(of: "_", with: "")
        let allowed = Set("0123456789+-.eE")
        guard !raw.isEmpty, raw.allSatisfy(allowed.contains) else { throw wrongType(node, path, expected) }
        return raw
    }

    /// The text of a scalar, for string-valued fields.
    func text(_ node: Node, _ field: ConfigField, _ path: String) throws(CoordinatorError) -> String {
        guard case let .scalar(s) = node else { throw wrongType(node, path, field.expected) }
        return s.string
    }

    private func choice<T: RawRepresentable & CaseIterable>(
        _ node: Node, _ field: ConfigField, _ path: String
    ) throws(CoordinatorError) -> T where T.RawValue == String {
        let s = try text(node, field, path)
        guard let v = T(rawValue: s) else {
            throw .invalidValue(at: location(node), path: path, value: s,
                                allowed: T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return v
    }

    func wrongType(_ node: Node, _ path: String, _ expected: String) -> CoordinatorError {
        .wrongType(at: location(node), path: path, found: Self.describe(node), expected: expected)
    }

    private func invalid(_ node: Node, _ path: String, _ value: String, _ error: CoreError) -> CoordinatorError {
        if case let .invalidField(_, _, allowed) = error {
            return .invalidValue(at: location(node), path: path, value: value, allowed: allowed)
        }
        return .invalidValue(at: location(node), path: path, value: value, allowed: error.description)
    }
}

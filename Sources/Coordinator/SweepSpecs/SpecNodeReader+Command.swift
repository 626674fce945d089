import Foundation
import JSON
import Yams

/// One argument of a `command` template, with where each of its characters was written.
struct CommandArgument: Sendable {
    var text: String
    /// Where the argument was written, for messages: `command[2]`, or `command` for one string.
    var path: String
    /// Where the argument's first character would be with no quoting: the scalar's location,
    /// one column further when the scalar is quoted.
    var start: SourceLocation
    /// For each character of `text`, its offset from `start` on the line.
    var offsets: [Int]

    /// The location of the character at `offset` in `text`.
    func location(ofCharacter offset: Int) -> SourceLocation {
        var at = start
        at.column += offsets.indices.contains(offset) ? offsets[offset] : offset
        return at
    }
}

extension SpecNodeReader {
    /// What `command` may be, for messages.
    static let commandExpected = "a non-empty list of strings, or one string of words split as a shell splits them (no shell runs)"

    /// The arguments of `command`: a list of scalars (numbers taken as their text), or one string
    /// split by ``CommandWords``.
    func command(_ node: Node) throws(SpecError) -> [CommandArgument] {
        switch node {
        case let .scalar(s) where node.null == nil:
            let start = scalarStart(node, s)
            let words = try CommandWords.split(s.string, path: "command") { offset in
                var at = start
                at.column += offset
                return at
            }
            guard !words.isEmpty else {
                throw .invalidValue(at: location(node), path: "command", value: s.string, allowed: Self.commandExpected)
            }
            return words.map { CommandArgument(text: $0.text, path: "command", start: start, offsets: $0.offsets) }
        case let .sequence(seq) where !seq.isEmpty:
            var arguments: [CommandArgument] = []
            for (i, element) in seq.enumerated() {
                guard case let .scalar(s) = element, element.null == nil else {
                    throw wrongType(element, "command[\(i)]", "a string (or a number, taken as its text)")
                }
                arguments.append(CommandArgument(text: s.string, path: "command[\(i)]", start: scalarStart(element, s),
                                                 offsets: Array(0..<s.string.count)))
            }
            guard !arguments[0].text.isEmpty else {
                throw .invalidValue(at: location(seq[seq.startIndex]), path: "command[0]", value: "", allowed: "a program name or path")
            }
            return arguments
        case .sequence:
            throw .invalidValue(at: location(node), path: "command", value: "[]", allowed: Self.commandExpected)
        default:
            throw wrongType(node, "command", Self.commandExpected)
        }
    }

    /// The location of a scalar's first character: past the opening quote of a quoted scalar.
    private func scalarStart(_ node: Node, _ scalar: Node.Scalar) -> SourceLocation {
        var at = location(node)
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { at.column += 1 }
        return at
    }

    /// The value of a command sweep's field at `path`: a scalar or a list of values (nested lists
    /// too). Quoted scalars are strings; plain ones are typed by ``plainValue(_:)``. The value is
    /// what the journal reads back from its canonical JSON (`2.0` is the integer 2), so that a
    /// resumed sweep holds the same trials.
    func commandValue(of node: Node, path: String) throws(SpecError) -> JSONValue {
        let value = try rawCommandValue(of: node, path: path)
        var writer = JSONWriter(format: .integralDoublesWithoutFraction)
        writer.value(value)
        do {
            return try JSONParser.parse(writer.bytes)
        } catch {
            throw .invalidValue(at: location(node), path: path, value: Self.describe(node),
                                allowed: "lists nested at most \(JSONParser.maxDepth) deep (\(error))")
        }
    }

    private func rawCommandValue(of node: Node, path: String) throws(SpecError) -> JSONValue {
        switch node {
        case let .scalar(s):
            return s.style == .plain ? Self.plainValue(s.string) : .string(s.string)
        case let .sequence(seq):
            var elements: [JSONValue] = []
            for (i, element) in seq.enumerated() {
                elements.append(try rawCommandValue(of: element, path: "\(path)[\(i)]"))
            }
            return .array(elements)
        default:
            throw wrongType(node, path, "a number, string, boolean, null or a list of them (mappings are not allowed: give each entry its own field)")
        }
    }

    /// The type of a plain scalar, as YAML 1.2's core schema resolves it: null (empty, `~`,
    /// `null`), a boolean (`true`, `false`), an integer that fits in 64 bits (`_` separators
    /// allowed), a float (`1e-4`, `.5`, `.inf`, `.nan`), else a string.
    static func plainValue(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        let digits = text.first == "_" || text.last == "_" ? text : text.replacingOccurrences(of: "_", with: "")
        if isInteger(digits) {
            if let v = Int64(digits) { return .int(v) }
            if let v = Double(digits) { return .double(v) }
        }
        if isFloat(digits), let v = Double(digits) { return .double(v) }
        return .string(text)
    }

    /// `[-+]?[0-9]+`.
    private static func isInteger(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy(\.isASCIIDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func isFloat(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let whole = rest.prefix { $0.isASCIIDigit }
        rest = rest.dropFirst(whole.count)
        var fraction = Substring("")
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix { $0.isASCIIDigit }
            rest = rest.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return false }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            let exponent = rest.prefix { $0.isASCIIDigit }
            guard !exponent.isEmpty else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }

    /// What `timeout` may be, for messages.
    static let timeoutExpected = "a number of seconds > 0, or a duration such as 90s, 30m, 2h, 1h30m, 1d (units d, h, m, s, largest first, each once)"

    /// `timeout` in seconds: a number, or a duration of units `d`, `h`, `m`, `s`.
    func timeout(_ node: Node) throws(SpecError) -> Double {
        guard case let .scalar(s) = node, node.null == nil else { throw wrongType(node, "timeout", Self.timeoutExpected) }
        let seconds: Double?
        switch Self.plainValue(s.string) {
        case let .int(n): seconds = Double(n)
        case let .double(d): seconds = d
        default: seconds = Self.duration(s.string)
        }
        guard let seconds, seconds > 0, seconds.isFinite else {
            throw .invalidValue(at: location(node), path: "timeout", value: s.string, allowed: Self.timeoutExpected)
        }
        return seconds
    }

    /// Seconds of a duration like `1h30m` or `1.5h`, or nil.
    static func duration(_ text: String) -> Double? {
        let units: [(Character, Double)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        var rest = Substring(text)
        var next = 0
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCIIDigit || $0 == "." }
            rest = rest.dropFirst(number.count)
            guard !number.isEmpty, isFloat(String(number)), let value = Double(number), let unit = rest.first,
                  let u = units[next...].firstIndex(where: { $0.0 == unit })
            else { return nil }
            total += value * units[u].1
            next = u + 1
            rest = rest.dropFirst()
        }
        return next > 0 ? total : nil
    }

    /// `working_directory` as an absolute, standardized path: `~` expanded, a relative path taken
    /// from the directory of the spec file. It must be an existing directory.
    func workingDirectory(_ node: Node) throws(SpecError) -> String {
        let allowed = "a path to an existing directory (relative paths start at the spec file's directory)"
        guard case let .scalar(s) = node, node.null == nil, !s.string.isEmpty else {
            throw wrongType(node, "working_directory", allowed)
        }
        let expanded = (s.string as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/")
            ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(expanded)
        let path = url.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .invalidValue(at: location(node), path: "working_directory", value: s.string,
                                allowed: "\(allowed); \(path) is not a directory on this machine")
        }
        return path
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

/// The header dictionary of a `.npy` file: dtype, memory order and shape.
///
/// numpy writes it as a Python literal, `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
struct NPYHeader: Equatable {
    /// The dtype string, e.g. `<f8`.
    var descr: String
    /// True when the data is stored column-major.
    var fortranOrder: Bool
    var shape: [Int]

    init(descr: String, fortranOrder: Bool, shape: [Int]) {
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
    }

    /// Parses the header literal; the error text says what was expected where.
    init(parsing text: String) throws(HeaderSyntaxError) {
        var parser = LiteralParser(text: Array(text.unicodeScalars))
        let entries = try parser.dictionary()
        func entry(_ key: String) throws(HeaderSyntaxError) -> Literal {
            guard let value = entries[key] else { throw HeaderSyntaxError("missing key '\(key)'") }
            return value
        }
        guard case let .string(descr) = try entry("descr") else { throw HeaderSyntaxError("'descr' is not a string") }
        guard case let .bool(fortran) = try entry("fortran_order") else {
            throw HeaderSyntaxError("'fortran_order' is not True or False")
        }
        guard case let .tuple(shape) = try entry("shape") else { throw HeaderSyntaxError("'shape' is not a tuple of integers") }
        self.init(descr: descr, fortranOrder: fortran, shape: shape)
    }

    /// The literal as numpy writes it, without padding.
    var literal: String {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        return "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
    }
}

/// Why a `.npy` header literal could not be parsed.
struct HeaderSyntaxError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A value of the header literal.
private enum Literal {
    case string(String)
    case bool(Bool)
    case int(Int)
    case tuple([Int])
}

/// A recursive-descent parser of the small Python literal subset numpy headers use.
private struct LiteralParser {
    let text: [Unicode.Scalar]
    var position = 0

    init(text: [Unicode.Scalar]) { self.text = text }

    mutating func dictionary() throws(HeaderSyntaxError) -> [String: Literal] {
        try expect("{")
        var entries: [String: Literal] = [:]
        while try peek() != "}" {
            guard case let .string(key) = try value() else { throw HeaderSyntaxError("a dictionary key is not a string") }
            try expect(":")
            entries[key] = try value()
            if try peek() == "," { position += 1 } else { break }
        }
        try expect("}")
        return entries
    }

    private mutating func value() throws(HeaderSyntaxError) -> Literal {
        let next = try peek()
        switch next {
        case "'", "\"": return .string(try string())
        case "(": return .tuple(try tuple())
        case _ where next.properties.isAlphabetic: return .bool(try bool())
        default: return .int(try int())
        }
    }

    private mutating func string() throws(HeaderSyntaxError) -> String {
        let quote = text[position]
        position += 1
        var result = ""
        while position < text.count, text[position] != quote {
            result.unicodeScalars.append(text[position])
            position += 1
        }
        guard position < text.count else { throw HeaderSyntaxError("unterminated string") }
        position += 1
        return result
    }

    private mutating func tuple() throws(HeaderSyntaxError) -> [Int] {
        try expect("(")
        var items: [Int] = []
        while try peek() != ")" {
            items.append(try int())
            if try peek() == "," { position += 1 } else { break }
        }
        try expect(")")
        return items
    }

    private mutating func bool() throws(HeaderSyntaxError) -> Bool {
        let word = identifier()
        switch word {
        case "True": return true
        case "False": return false
        default: throw HeaderSyntaxError("expected True or False, found '\(word)'")
        }
    }

    private mutating func int() throws(HeaderSyntaxError) -> Int {
        var word = identifier()
        if word.hasSuffix("L") { word.removeLast() }
        guard let value = Int(word), value >= 0 else {
            throw HeaderSyntaxError("expected a non-negative integer, found '\(word)'")
        }
        return value
    }

    private mutating func identifier() -> String {
        var word = ""
        while position < text.count, text[position].properties.isAlphabetic || ("0"..."9").contains(text[position]) {
            word.unicodeScalars.append(text[position])
            position += 1
        }
        return word
    }

    /// The next non-blank character, without consuming it.
    private mutating func peek() throws(HeaderSyntaxError) -> Unicode.Scalar {
        while position < text.count, text[position].properties.isWhitespace { position += 1 }
        guard position < text.count else { throw HeaderSyntaxError("unexpected end of the header") }
        return text[position]
    }

    private mutating func expect(_ c: Unicode.Scalar) throws(HeaderSyntaxError) {
        let found = try peek()
        guard found == c else { throw HeaderSyntaxError("expected '\(c)' at character \(position + 1), found '\(found)'") }
        position += 1
    }
}

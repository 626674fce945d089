/// Where a value sits in a JSON document: the member names and array indices that lead to it,
/// written `config.thresholds[2]`.
package struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step into an object or an array.
    package enum Component: Hashable, Sendable {
        case member(String)
        case index(Int)
    }

    /// The steps from the top-level value, outermost first.
    package var components: [Component]

    /// The path of `components`; empty for the top-level value.
    package init(_ components: [Component] = []) {
        self.components = components
    }

    /// The path of a `Codable` coding path; a key whose name is its integer value is an index.
    package init(codingPath: [any CodingKey]) {
        components = codingPath.map { key in
            if let i = key.intValue, key.stringValue == "\(i)" { return .index(i) }
            return .member(key.stringValue)
        }
    }

    /// The path as a field name: `config.thresholds[2]`.
    package var description: String {
        var text = ""
        for component in components {
            switch component {
            case let .index(i): text += "[\(i)]"
            case let .member(name): text += text.isEmpty ? name : ".\(name)"
            }
        }
        return text
    }
}

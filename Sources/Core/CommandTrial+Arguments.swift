extension CommandTrial {
    /// A `{name}` placeholder in a command argument: its name and the offset (in characters) of its `{`.
    public struct Placeholder: Hashable, Sendable {
        public var name: String
        public var offset: Int
    }

    /// The names a placeholder may use besides the fields.
    public static let builtinPlaceholders = ["seed", "trial_id"]

    /// The placeholders of `argument`, in order. `{{` and `}}` stand for literal braces; a `{` that
    /// is not closed on the same argument is a placeholder with the rest of the text as its name.
    public static func placeholders(in argument: String) -> [Placeholder] {
        var found: [Placeholder] = []
        scan(argument) { piece in
            if case let .placeholder(name, offset) = piece { found.append(Placeholder(name: name, offset: offset)) }
        }
        return found
    }

    /// The arguments with every placeholder replaced: a field's text (``CommandField/text``),
    /// the seed in decimal, or the trial id.
    public func arguments(seed: UInt64, trialID: String) -> [String] {
        command.map { argument in
            var out = ""
            Self.scan(argument) { piece in
                switch piece {
                case let .text(text):
                    out += text
                case let .placeholder(name, _):
                    switch name {
                    case "seed": out += String(seed)
                    case "trial_id": out += trialID
                    default: out += field(name).map(CommandField.text(of:)) ?? ""
                    }
                }
            }
            return out
        }
    }

    private enum Piece {
        case text(Substring)
        case placeholder(String, offset: Int)
    }

    private static func scan(_ argument: String, _ emit: (Piece) -> Void) {
        var index = argument.startIndex
        var offset = 0
        var textStart = index
        while index < argument.endIndex {
            let c = argument[index]
            let next = argument.index(after: index)
            if (c == "{" || c == "}"), next < argument.endIndex, argument[next] == c {
                emit(.text(argument[textStart..<next]))
                index = argument.index(after: next)
                offset += 2
                textStart = index
                continue
            }
            if c == "{" {
                emit(.text(argument[textStart..<index]))
                let close = argument[next...].firstIndex(of: "}") ?? argument.endIndex
                emit(.placeholder(String(argument[next..<close]), offset: offset))
                offset += argument.distance(from: index, to: close) + 1
                index = close < argument.endIndex ? argument.index(after: close) : close
                textStart = index
                continue
            }
            index = next
            offset += 1
        }
        emit(.text(argument[textStart..<argument.endIndex]))
    }
}

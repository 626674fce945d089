/// Splits a `command` string into words as a POSIX shell does, without running a shell.
///
/// Whitespace separates words; `'…'` quotes every character literally; `"…"` quotes, and in it a
/// backslash escapes `"`, `\`, `$` and `` ` `` (and removes itself and a following newline); outside
/// quotes a backslash escapes any character. `''` and `""` are empty words. The characters a shell
/// would act on (`|`, `&`, `;`, `<`, `>`, `$`, `` ` ``) are refused unquoted, since no shell runs.
enum CommandWords {
    /// One word: its text and, for each of its characters, that character's offset in the source.
    struct Word: Equatable {
        var text = ""
        var offsets: [Int] = []
    }

    /// The characters a shell would interpret, refused outside quotes.
    static let shellSyntax: Set<Character> = ["|", "&", ";", "<", ">", "$", "`"]

    /// The words of `line`; an error is reported at `locate(offset)` of the offending character.
    static func split(
        _ line: String, path: String, locate: (Int) -> SourceLocation
    ) throws(SpecError) -> [Word] {
        let chars = Array(line)
        var words: [Word] = []
        var word = Word()
        var inWord = false
        var i = 0
        func add(_ k: Int) {
            word.text.append(chars[k])
            word.offsets.append(k)
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c.isNewline {
                if inWord { words.append(word) }
                word = Word()
                inWord = false
                i += 1
                continue
            }
            let wasInWord = inWord
            inWord = true
            switch c {
            case "'":
                guard let close = chars[(i + 1)...].firstIndex(of: "'") else { throw unterminated(c, i, path, locate) }
                for k in (i + 1)..<close { add(k) }
                i = close + 1
            case "\"":
                var k = i + 1
                while true {
                    guard k < chars.count else { throw unterminated(c, i, path, locate) }
                    if chars[k] == "\"" { break }
                    if chars[k] == "\\", k + 1 < chars.count {
                        if chars[k + 1].isNewline {
                            k += 2
                            continue
                        }
                        if "\"\\$`".contains(chars[k + 1]) {
                            add(k + 1)
                            k += 2
                            continue
                        }
                    }
                    add(k)
                    k += 1
                }
                i = k + 1
            case "\\":
                guard i + 1 < chars.count else {
                    throw .commandSyntax(at: locate(i), path: path,
                                         reason: "the command ends with a backslash, which escapes nothing; write \\\\ for a backslash")
                }
                if chars[i + 1].isNewline {
                    inWord = wasInWord
                } else {
                    add(i + 1)
                }
                i += 2
            default:
                if shellSyntax.contains(c) {
                    throw .commandSyntax(
                        at: locate(i), path: path,
                        reason: "'\(c)' is shell syntax, but no shell runs the command; quote it ('\(c)') to pass it as text, or run a shell: [\"sh\", \"-c\", \"…\"]")
                }
                add(i)
                i += 1
            }
        }
        if inWord { words.append(word) }
        return words
    }

    private static func unterminated(
        _ quote: Character, _ offset: Int, _ path: String, _ locate: (Int) -> SourceLocation
    ) -> SpecError {
        .commandSyntax(at: locate(offset), path: path,
                       reason: "unterminated \(quote) quote; close it, or escape it with a backslash to pass it as text")
    }
}

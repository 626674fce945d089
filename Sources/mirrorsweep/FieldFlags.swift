import ArgumentParser
import Foundation
import Core

/// The `TrialConfig` fields set on `mirrorsweep train`'s command line, read against `TrialConfig.fields`.
///
/// Each field has a flag `--FLAG VALUE` (or `--FLAG=VALUE`; the flag is the kebab-case name, `--threshold`
/// and `--prune-sparsity` for the two number lists); `--set NAME=VALUE` sets any field by its
/// snake_case name. A list takes comma-separated elements, and a repeated list flag appends.
struct FieldFlags {
    /// The fields set, in command-line order, with the flag that set each (for messages).
    private(set) var assignments: [(field: TrialConfigField, value: ConfigValue, flag: String)] = []

    /// Reads the arguments argument-parser did not recognize, then the `--set` assignments.
    init(unrecognized arguments: [String], sets: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { throw ValidationError("unexpected argument '\(argument)'") }
            var flag = String(argument.dropFirst(2))
            var text: String
            if let equals = flag.firstIndex(of: "=") {
                text = String(flag[flag.index(after: equals)...])
                flag = String(flag[..<equals])
            } else {
                guard let next = rest.popFirst() else { throw ValidationError("--\(flag) needs a value") }
                text = next
            }
            guard let field = TrialConfig.fields.first(where: { $0.flag == flag }) else {
                throw ValidationError("unknown option '--\(flag)'; see mirrorsweep train --help for the field flags")
            }
            try add(field, text, flag: "--" + flag)
        }
        for assignment in sets {
            guard let equals = assignment.firstIndex(of: "="),
                  let field = TrialConfig.field(named: String(assignment[..<equals])) else {
                throw ValidationError("--set \(assignment): expected NAME=VALUE with NAME one of \(TrialConfig.fieldNames.joined(separator: ", "))")
            }
            try add(field, String(assignment[assignment.index(after: equals)...]), flag: "--set \(field.name)")
        }
    }

    private mutating func add(_ field: TrialConfigField, _ text: String, flag: String) throws {
        var value: ConfigValue
        do {
            value = try field.value(parsing: text)
        } catch {
            throw ValidationError("\(flag): \(error)")
        }
        if let last = assignments.lastIndex(where: { $0.field == field && $0.flag == flag }) {
            switch (assignments[last].value, value) {
            case let (.doubles(a), .doubles(b)): value = .doubles(a + b)
            case let (.ints(a), .ints(b)): value = .ints(a + b)
            default: break
            }
        }
        assignments.append((field, value, flag))
    }

    /// The flags for `train --help`: one line per field with its kind, default and meaning.
    static var help: String {
        TrialConfig.fields.map { field in
            "--\(field.flag) (\(field.expected); default \(field.defaultText.replacingOccurrences(of: "`", with: ""))): \(field.doc.replacingOccurrences(of: "`", with: ""))"
        }.joined(separator: "\n")
    }
}

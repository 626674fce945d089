import Foundation

extension TrialConfigField {
    /// The value written as `text` on a command line: `null` for an optional field, a choice's raw
    /// value, a schedule string, or comma-separated elements for a list (the empty text is `[]`).
    public func value(parsing text: String) throws(CoreError) -> ConfigValue {
        if isOptional, text == "null" { return .null }
        func fail() -> CoreError { .invalidField(field: name, value: text, allowed: expected) }
        func elements() -> [String] {
            text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        switch kind {
        case .integer: return .int(try Self.integer(text).orThrow(fail()))
        case .unsigned64: return .uint(try UInt64(text).orThrow(fail()))
        case .number: return .double(try Double(text).orThrow(fail()))
        case .path, .text: return .string(text)
        case let .choice(allowed):
            guard allowed.contains(text) else {
                throw .invalidField(field: name, value: text, allowed: allowed.map { "'\($0)'" }.joined(separator: ", "))
            }
            return .choice(text)
        case .schedule: return .schedule(try WeightDecaySchedule(parsing: text))
        case .initialPoint: return .initialPoint(try InitialPoint(parsing: text))
        case .numbers:
            if text.allSatisfy(\.isWhitespace) { return .doubles([]) }
            var list: [Double] = []
            for element in elements() { list.append(try Double(element).orThrow(fail())) }
            return .doubles(list)
        case .integers:
            if text.allSatisfy(\.isWhitespace) { return .ints([]) }
            var list: [Int] = []
            for element in elements() { list.append(try Self.integer(element).orThrow(fail())) }
            return .ints(list)
        }
    }

    /// A decimal integer, or an integral number such as `1e4`; `_` separators are ignored.
    public static func integer(_ text: String) -> Int? {
        let raw = text.replacingOccurrences(of: "_", with: "")
        if let v = Int(raw) { return v }
        if let d = Double(raw), d == d.rounded(), abs(d) < 9e18 { return Int(d) }
        return nil
    }
}

extension Optional {
    /// The wrapped value, or `error` thrown.
    fileprivate func orThrow(_ error: @autoclosure () -> CoreError) throws(CoreError) -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}

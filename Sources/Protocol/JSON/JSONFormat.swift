/// How a `JSONWriter` lays out what it writes; the empty set is compact JSON with members in the
/// order they come and doubles in Swift's shortest round-trip form (`1.0`, `0.02`, `1e-05`).
package struct JSONFormat: OptionSet, Sendable {
    package let rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The members of every encoded object in ascending order of key.
    package static let sortedKeys = JSONFormat(rawValue: 1 << 0)
    /// A line per member or element, indented by two spaces, with `"key" : value` (the layout of
    /// Foundation's `.prettyPrinted`); empty objects and arrays stay `{}` and `[]`.
    package static let prettyPrinted = JSONFormat(rawValue: 1 << 1)
    /// Doubles without a zero fraction: `1`, not `1.0` (as Foundation's `JSONEncoder` writes them).
    package static let integralDoublesWithoutFraction = JSONFormat(rawValue: 1 << 2)
}

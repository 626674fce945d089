/// A coding key made at run time: an object member's name or an array index.
package struct JSONKey: CodingKey {
    package let stringValue: String
    package let intValue: Int?

    /// The key of an object member.
    package init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    /// The key of an array element.
    package init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

/// A coding key made at run time: an object member's name or an array index.
struct JSONKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension [any CodingKey] {
    /// The path as a field name: `config.thresholds[2]`.
    var fieldPath: String {
        var text = ""
        for key in self {
            if let i = key.intValue, key.stringValue == "\(i)" {
                text += "[\(i)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

import SweepSpecs

/// Reads the `axes` of a stored configuration, `[{"name":…,"value":…},…]` as the journal writes
/// it (sorted keys, no spaces) with ASCII strings without escapes, without Foundation's JSON
/// decoder: the table reads one per configuration. Gives nil for any other text.
enum JournalAxesText {
    static func parse(_ text: String) -> [AxisValue]? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = JSONBytes(UnsafeRawBufferPointer(bytes))
            guard reader.take(UInt8(ascii: "[")) else { return nil }
            var axes: [AxisValue] = []
            if reader.take(UInt8(ascii: "]")) { return reader.atEnd ? axes : nil }
            repeat {
                guard reader.take(UInt8(ascii: "{")), let name = member("name", &reader), reader.take(UInt8(ascii: ",")),
                      let value = member("value", &reader), reader.take(UInt8(ascii: "}"))
                else { return nil }
                axes.append(AxisValue(name: name, value: value))
            } while reader.take(UInt8(ascii: ","))
            return reader.take(UInt8(ascii: "]")) && reader.atEnd ? axes : nil
        }
    }

    /// The string value of member `key`, `"key":"value"`, when it is ASCII without escapes.
    private static func member(_ key: StaticString, _ reader: inout JSONBytes) -> String? {
        guard let found = reader.plainString(),
              reader.bytes[found].elementsEqual(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)),
              reader.take(UInt8(ascii: ":")), let value = reader.plainString(), reader.bytes[value].allSatisfy({ $0 < 0x80 })
        else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: reader.bytes[value]), as: UTF8.self)
    }
}

import Foundation
import Wire

/// libFuzzer entry point: decodes the input as one coordinator↔worker frame.
///
/// Any input must give a `Message` or a `WireError`. A decoded message must survive a round
/// trip: its encoding is standard JSON and decodes again, to a message with the same encoding up
/// to the order of object keys (dictionaries do not keep one).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let frame = Array(UnsafeBufferPointer(start: data, count: size))
    let message: Message
    do {
        message = try MessageCodec.decode(frame)
    } catch {
        precondition(!error.description.isEmpty, "a WireError without a description")
        return 0
    }
    let encoded = MessageCodec.encode(message)
    let again: Message
    do {
        again = try MessageCodec.decode(encoded)
    } catch {
        preconditionFailure("the encoding of a decoded \(message.type) does not decode: \(error)")
    }
    let text = String(decoding: encoded, as: UTF8.self)
    guard let sorted = sortedJSON(encoded) else { preconditionFailure("the encoding is not standard JSON: \(text)") }
    precondition(sortedJSON(MessageCodec.encode(again)) == sorted, "the round trip changed the frame \(text)")
    return 0
}

/// The JSON text with every object's keys sorted, nil if Foundation cannot read it.
func sortedJSON(_ bytes: [UInt8]) -> Data? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return nil }
    return try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
}

import ArgumentParser
import Foundation

/// The value of `--widths`: comma-separated integers (`64,32`); the empty string means no hidden layer.
struct WidthList: ExpressibleByArgument {
    let values: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        if argument.trimmingCharacters(in: .whitespaces).isEmpty {
            values = []
            return
        }
        var values: [Int] = []
        for part in parts {
            guard let v = Int(part.trimmingCharacters(in: .whitespaces)) else { return nil }
            values.append(v)
        }
        self.values = values
    }

    static var defaultValueDescription: String { "64" }
}

import Core
import JSON
import SweepSpecs

/// JSON columns of the journal: canonical (sorted keys). Decoding caches by text, since grid
/// points share configurations and axes across seeds.
package enum JournalJSON {
    /// The `axes` column of a grid point, `JSONNodeEncoder.sortedJSON(axes)`: written directly when
    /// no name or value needs escaping, as registering writes one per configuration.
    package static func axes(_ axes: [AxisValue]) -> String {
        func plain(_ text: String) -> Bool {
            !text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        guard axes.allSatisfy({ plain($0.name) && plain($0.value) }) else {
            return String(decoding: JSONNodeEncoder.sortedJSON(axes), as: UTF8.self)
        }
        var text = "["
        for (position, axis) in axes.enumerated() {
            text += position == 0 ? "{\"name\":\"" : ",{\"name\":\""
            text += axis.name
            text += "\",\"value\":\""
            text += axis.value
            text += "\"}"
        }
        return text + "]"
    }

    /// The `result` column: sorted keys; a non-finite metric is the string `"nan"`, `"inf"` or
    /// `"-inf"`, as in messages. The `log` is left out: `trial_logs` holds it.
    package static func result(_ result: TrialResult) -> String {
        var result = result
        result.log = nil
        return String(decoding: JSONNodeEncoder.sortedJSON(result), as: UTF8.self)
    }

    package struct Decoder {
        package let path: String
        private var configs: [String: TrialWork] = [:]
        private var axesValues: [String: [AxisValue]] = [:]

        package init(path: String) {
            self.path = path
        }

        /// The `config` column: a command trial's object (it has a `command` member) or a core configuration.
        package mutating func work(_ text: String, trialID: String) throws -> TrialWork {
            if let work = configs[text] { return work }
            let work = try Self.work(text, path: path, trialID: trialID)
            configs[text] = work
            return work
        }

        /// ``work(_:trialID:)`` without the cache, for readers that meet each configuration once
        /// in a row and keep only the last; `path` names the journal in errors.
        package static func work(_ text: String, path: String, trialID: String) throws -> TrialWork {
            if text.hasPrefix("{\"command\":") {
                do throws(JSONError) {
                    return .command(try CommandTrial(json: try JSONParser.parse(text).object(at: JSONPath([]))))
                } catch {
                    throw JournalError.journalCorruptRow(path: path, trialID: trialID, column: "config", cause: error.description)
                }
            }
            return .core(try Decoder(path: path).decode(TrialConfig.self, text, trialID: trialID, column: "config"))
        }

        /// The axes of a configuration; `trialID`, naming a trial of it in errors, is only read for one.
        package mutating func axes(_ text: String, trialID: @autoclosure () throws -> String) throws -> [AxisValue] {
            if let axes = axesValues[text] { return axes }
            let axes = try JournalAxesText.parse(text) ?? decode([AxisValue].self, text, trialID: trialID(), column: "axes")
            axesValues[text] = axes
            return axes
        }

        package func result(_ text: String?, trialID: String) throws -> TrialResult {
            guard let text else {
                throw JournalError.journalCorruptRow(
                    path: path, trialID: trialID, column: "result", cause: "NULL for a done trial")
            }
            return try decode(TrialResult.self, text, trialID: trialID, column: "result")
        }

        /// A result's `metrics` object, as extracted by SQLite.
        package func metrics(_ text: String, trialID: String) throws -> [String: Double] {
            try JournalMetricsText.parse(text) ?? decode([String: Double].self, text, trialID: trialID, column: "result")
        }

        private func decode<T: Decodable>(
            _ type: T.Type, _ text: String, trialID: @autoclosure () throws -> String, column: String
        ) throws -> T {
            do {
                return try JSONNodeDecoder.decode(type, from: text)
            } catch {
                throw JournalError.journalCorruptRow(path: path, trialID: try trialID(), column: column, cause: "\(error)")
            }
        }
    }
}

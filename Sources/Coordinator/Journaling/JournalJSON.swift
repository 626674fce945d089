import Core
import JSON
import SweepSpecs

/// JSON columns of the journal: canonical (sorted keys). Both directions cache by value or text,
/// since grid points share configurations and axes across seeds.
package enum JournalJSON {
    package struct Encoder {
        private var axesTexts: [[AxisValue]: String] = [:]

        package mutating func axes(_ axes: [AxisValue]) -> String {
            if let text = axesTexts[axes] { return text }
            let text = String(decoding: JSONNodeEncoder.sortedJSON(axes), as: UTF8.self)
            axesTexts[axes] = text
            return text
        }

        /// Sorted keys; a non-finite metric is the string `"nan"`, `"inf"` or `"-inf"`, as in messages.
        package func result(_ result: TrialResult) -> String {
            String(decoding: JSONNodeEncoder.sortedJSON(result), as: UTF8.self)
        }
    }

    package struct Decoder {
        package let path: String
        private var configs: [String: TrialConfig] = [:]
        private var axesValues: [String: [AxisValue]] = [:]

        package init(path: String) {
            self.path = path
        }

        package mutating func config(_ text: String, trialID: String) throws -> TrialConfig {
            if let config = configs[text] { return config }
            let config = try decode(TrialConfig.self, text, trialID: trialID, column: "config")
            configs[text] = config
            return config
        }

        package mutating func axes(_ text: String, trialID: String) throws -> [AxisValue] {
            if let axes = axesValues[text] { return axes }
            let axes = try decode([AxisValue].self, text, trialID: trialID, column: "axes")
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

        private func decode<T: Decodable>(_ type: T.Type, _ text: String, trialID: String, column: String) throws -> T {
            do {
                return try JSONNodeDecoder.decode(type, from: text)
            } catch {
                throw JournalError.journalCorruptRow(path: path, trialID: trialID, column: column, cause: "\(error)")
            }
        }
    }
}

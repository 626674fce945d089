/// Parses the Prometheus text exposition format: comment lines `# HELP name text` and
/// `# TYPE name kind`, sample lines `name{labels} value`.
enum PrometheusText {
    struct Malformed: Error {
        let line: String
    }

    /// Each sample's `name{labels}` and its value; throws on a line that is neither a comment nor a sample,
    /// or a sample of a metric without `# TYPE`.
    static func samples(_ text: String) throws -> [String: Double] {
        var typed: Set<String> = []
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# HELP ") { continue }
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                    throw Malformed(line: line)
                }
                typed.insert(String(parts[2]))
                continue
            }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw Malformed(line: line)
            }
            let key = String(line[..<space])
            let name = String(key.prefix { $0 != "{" })
            guard typed.contains(name), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { throw Malformed(line: line) }
            samples[key] = value
        }
        return samples
    }
}

import Core
import Foundation
import Scheduling
import SweepSpecs
import Testing
import Wire

/// The numbers and trial ids of docs/PROTOCOL.md, read from its text.
enum ProtocolDocument {
    static let text: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/PROTOCOL.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The text with every run of white space as one space, so that sentences match across lines.
    static let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")

    /// The bold number between `before` and `after`, e.g. `After **3** failed attempts`.
    static func number(after before: String, before after: String) -> Int {
        guard let start = flat.range(of: before + " **")?.upperBound,
              let end = flat[start...].range(of: "** " + after)?.lowerBound
        else { return -1 }
        return Int(flat[start..<end]) ?? -1
    }

    static var failedAttempts: Int { number(after: "After", before: "failed attempts") }
    static var lostLeases: Int { number(after: "after", before: "such lost leases") }
    static var batchLimit: Int { number(after: "up to", before: "in a row to one worker") }
}

@Suite("docs/PROTOCOL.md's numbers and ids are the code's")
struct ProtocolDocumentNumbersTests {
    @Test("retries and batches: the document's limits are the scheduler's defaults")
    func limits() {
        let defaults = SchedulerConfiguration()
        #expect(ProtocolDocument.failedAttempts == defaults.maxAttempts)
        #expect(ProtocolDocument.lostLeases == defaults.maxLostLeases)
        #expect(ProtocolDocument.batchLimit == defaults.maxTrialsPerBatch)
    }

    @Test("every 64-digit trial id in the document is a real trial's, and the assignment example is its real assignment")
    func trialIDs() throws {
        let seven = TrialIdentity.id(config: TrialConfig(), seed: 7)
        let zero = TrialIdentity.id(config: TrialConfig(), seed: 0)
        let expected = MessageCodec.encode(.assignment(trialID: seven, attempt: 1, seed: 7, work: .core(TrialConfig())))
        let examples = ProtocolDocument.text.components(separatedBy: "```json\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
        let assignment = try #require(examples.first { $0.contains("\"type\":\"assignment\"") && !$0.contains("\"command\"") })
        #expect(try MessageCodec.decode(Array(assignment.utf8)) == MessageCodec.decode(expected),
                "expected \(String(decoding: expected, as: UTF8.self))")
        for example in examples where !example.contains("\"command\"") {
            let ids = example.matches(of: /[0-9a-f]{64}/).map { String($0.output) }
            #expect(ids.allSatisfy { [seven, zero].contains($0) }, "\(example)")
        }
        #expect(!ProtocolDocument.text.contains(/"[0-9a-f]{16}"/), "a 16-digit example id is left")
    }
}

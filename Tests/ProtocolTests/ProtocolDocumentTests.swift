import Core
import Foundation
import JSON
import Testing
@testable import Wire


/// docs/PROTOCOL.md stays true to the code: its examples decode and its Python worker is the tested file.
@Suite struct ProtocolDocumentTests {
    static let docs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    /// The bodies of the fenced code blocks of `language` in the document.
    func codeBlocks(_ language: String) throws -> [String] {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("PROTOCOL.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```\(language)" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func everyExampleMessageDecodes() throws {
        let examples = try codeBlocks("json").filter { !$0.contains("\"<type>\"") }
        var types: Set<MessageType> = []
        for example in examples {
            let message = try MessageCodec.decode(Array(example.utf8))
            types.insert(message.type)
        }
        #expect(types == Set(MessageType.allCases))
    }

    /// The document's text.
    func document() throws -> String {
        try String(contentsOf: Self.docs.appendingPathComponent("PROTOCOL.md"), encoding: .utf8)
    }

    /// The rows of the table under the heading `### \`name\``, by their first column.
    func tableRows(ofMessage name: String) throws -> [String: String] {
        let section = try #require(try document().components(separatedBy: "### `\(name)`").dropFirst().first?
            .components(separatedBy: "\n#").first)
        var rows: [String: String] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = String(line)
        }
        return rows
    }

    @Test func theDocumentCountsItsMessageTypesRight() throws {
        let words = ["twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15]
        let text = try document()
        let said = try #require(words.first { text.contains("one of the \($0.key) below") }?.value)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("### `") }.map { $0.dropFirst(5).prefix { $0 != "`" } }
        #expect(said == MessageType.allCases.count)
        #expect(Set(headings.map(String.init)) == Set(MessageType.allCases.map(\.rawValue)))
    }

    @Test func helloDoesNotMakeTheWorkerIDTheRoutingID() throws {
        let row = try #require(try tableRows(ofMessage: "hello")["worker_id"])
        #expect(row.contains("the routing id is another value"))
        #expect(try document().contains("A fresh\n  routing id per session matters"))
    }

    @Test func theNoopResultIsExactlyWhatTheCoreReturns() throws {
        var config = TrialConfig()
        config.problem = .noop
        let result = try runTrial(config, seed: 7)
        let example = try #require(try codeBlocks("json").first { $0.contains("\"type\":\"result\"") && $0.contains("\"seed\"") })
        guard case let .result(_, _, documented) = try MessageCodec.decode(Array(example.utf8)) else {
            Issue.record("the noop example is not a result: \(example)")
            return
        }
        #expect(documented == result)
        let frame = MessageCodec.encode(.result(trialID: TrialIdentityExample.seven, attempt: 1, result: result))
        #expect(example == String(decoding: frame, as: UTF8.self))
    }

    @Test func theCommandAssignmentExampleDecodesAndItsArgumentsAreTheDocuments() throws {
        let example = try #require(try codeBlocks("json").first { $0.contains("\"command\"") })
        guard case let .assignment(trialID, attempt, seed, .command(trial)) = try MessageCodec.decode(Array(example.utf8)) else {
            Issue.record("the command example is not a command assignment: \(example)")
            return
        }
        #expect(attempt == 1 && seed == 7)
        #expect(trial.timeout == 3600 && trial.workingDirectory == "/home/me/project")
        #expect(trial.fields.map(\.name) == ["depth", "learning_rate"])
        let text = try document().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let listed = try #require(text.components(separatedBy: "Above, the arguments become ").dropFirst().first?
            .components(separatedBy: ". ").first)
        let documented = listed.replacingOccurrences(of: "`, `", with: "\u{0}").trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            .components(separatedBy: "\u{0}")
        #expect(trial.arguments(seed: seed, trialID: trialID) == documented)
        #expect(text.contains("This is an addition within protocol version 1"))
    }

    @Test func failureAndResultDocumentTheirOptionalLog() throws {
        #expect(try tableRows(ofMessage: "failure")["log"]?.contains("optional") == true)
        let frame = MessageCodec.encode(.failure(trialID: "t", attempt: 1, message: "m", log: "last line"))
        #expect(String(decoding: frame, as: UTF8.self).contains(#""log":"last line""#))
        #expect(try document().contains("| `log` | string, optional | a command trial's end of standard output and error"))
    }

    @Test func shutdownAndVersionMismatchSayWhatTheCoordinatorDoes() throws {
        let text = try document().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("The coordinator sends `shutdown` only after the `ack` of every `result` and `failure`"))
        #expect(text.contains("A welcomed worker refused this way is forgotten at once: it gets no more assignments"))
        #expect(!text.contains("a second `hello` with another protocol version, a message"), "the Errors section must not drop what Version mismatch refuses")
        #expect(text.contains("seeds use the full unsigned 64-bit range"))
    }

    @Test func theLargestSeedCrossesTheWire() throws {
        let frame = MessageCodec.encode(.assignment(trialID: "t", attempt: 1, seed: UInt64.max, work: .core(TrialConfig())))
        #expect(String(decoding: frame, as: UTF8.self).contains("\"seed\":18446744073709551615,"))
        guard case let .assignment(_, _, seed, _) = try MessageCodec.decode(frame) else {
            Issue.record("not an assignment")
            return
        }
        #expect(seed == UInt64.max)
    }

    @Test func thePythonWorkerInTheDocumentIsTheTestedFile() throws {
        let file = try String(contentsOf: Self.docs.appendingPathComponent("examples/python_worker.py"), encoding: .utf8)
        let blocks = try codeBlocks("python")
        #expect(blocks.count == 1)
        #expect(blocks.first.map { $0 + "\n" } == file)
    }
}

/// The id of the default configuration's trial with seed 7 (SPEC.md's example), which the
/// document's examples use; CoordinatorTests checks it against `TrialIdentity`.
enum TrialIdentityExample {
    static let seven = "ec9eeac092105f9a685ecc9100a46793db9b38b6abcc24235222da0cbf090370"
}

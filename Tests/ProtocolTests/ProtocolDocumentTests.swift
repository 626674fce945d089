import Foundation
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

    @Test func thePythonWorkerInTheDocumentIsTheTestedFile() throws {
        let file = try String(contentsOf: Self.docs.appendingPathComponent("examples/python_worker.py"), encoding: .utf8)
        let blocks = try codeBlocks("python")
        #expect(blocks.count == 1)
        #expect(blocks.first.map { $0 + "\n" } == file)
    }
}

import Foundation
@testable import Journaling
import Testing

@Suite("Metrics text of stored results")
struct JournalMetricsTextTests {
    @Test("a flat object of numbers and non-finite strings reads as JSONDecoder reads it")
    func readsLikeTheDecoder() throws {
        let text = #"{"nonzeros":5,"recovery_error":1e-05,"sparsity":-0.25,"test_mse":"nan","train_loss":"inf","x":"-inf", "y" : 2.5E3}"#
        let parsed = try #require(JournalMetricsText.parse(text))
        #expect(parsed.count == 7)
        #expect(parsed["nonzeros"] == 5 && parsed["recovery_error"] == 1e-05 && parsed["sparsity"] == -0.25 && parsed["y"] == 2500)
        #expect(parsed["test_mse"]!.isNaN && parsed["train_loss"] == .infinity && parsed["x"] == -.infinity)
        #expect(JournalMetricsText.parse("{}") == [:])
    }

    @Test("any other text is left to JSONDecoder", arguments: [
        #"{"a\"b":1}"#, #"{"a":[1]}"#, #"{"a":"none"}"#, #"{"a":1,}"#, #"{"a":1} x"#, #"{"a":}"#, "[1]", "",
    ])
    func refusesOtherText(_ text: String) {
        #expect(JournalMetricsText.parse(text) == nil)
    }
}

import Core
import Testing

/// `support_escape_step` and its companions, checked against the result's own curve and x.
@Suite("Support escape")
struct SupportEscapeTests {
    static func truthSupport() -> [Int] {
        let truth = regressionData().truth!
        return truth.indices.filter { truth[$0] != 0 }
    }

    /// λ = 1 kept on: the true entries grow past 1e-3 in the first steps, then weight decay
    /// pulls them back (4 of 5 are at 0 after 3000 steps).
    @Test("strong constant weight decay: the support escapes at the first curve point below the threshold")
    func escapes() throws {
        var config = regressionConfig(weightDecay: 1, steps: 3000)
        config.curvePoints = 60
        let result = try runTrial(config, seed: 1)
        let support = Self.truthSupport()
        let firstAbove = try #require(result.curves.firstIndex { $0.metrics["support_margin"]! > 1e-3 })
        let escape = try #require(result.curves[firstAbove...].first { $0.metrics["support_margin"]! <= 1e-3 })
        #expect(result.metrics["support_escape_step"] == Double(escape.step))
        #expect(result.metrics["support_escape_lambda_integral"] == escape.metrics["lambda_integral"])
        #expect(result.metrics["support_lost"] == Double(support.filter { abs(result.x[$0]) <= 1e-3 }.count))
        #expect(result.metrics["support_lost"]! >= 1)
        let truth = regressionData().truth!
        #expect(result.metrics["support_margin"] == support.map { truth[$0] > 0 ? result.x[$0] : -result.x[$0] }.min())
    }

    @Test("no weight decay: the support is reached and kept (a start at 0 is no escape)")
    func kept() throws {
        var config = regressionConfig(steps: 3000)
        config.curvePoints = 60
        let result = try runTrial(config, seed: 1)
        #expect(result.curves.first?.metrics["support_margin"] == 0)
        #expect(result.metrics["support_escape_step"] == nil)
        #expect(result.metrics["support_lost"] == 0)
        #expect(result.metrics["support_margin"]! > 0.1)
    }
}

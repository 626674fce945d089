import Core
import Testing

@Suite("Curve steps")
struct CurveStepsTests {
    @Test("distinct, ascending, from 0 to the last step", arguments: [(40, 300_000), (40, 10), (5, 1000), (2, 7), (3, 1)])
    func logSpaced(points: Int, steps: Int) {
        let s = curveSteps(points: points, steps: steps)
        #expect(s.first == 0)
        #expect(s.last == steps)
        #expect(s.count <= points)
        #expect(zip(s, s.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("log spacing: 1, 10, 100, 1000 for four inner points up to 1000")
    func decades() {
        #expect(curveSteps(points: 5, steps: 1000) == [0, 1, 10, 100, 1000])
    }

    @Test("edge cases: no points, one point, zero steps")
    func edges() {
        #expect(curveSteps(points: 0, steps: 100) == [])
        #expect(curveSteps(points: 1, steps: 100) == [100])
        #expect(curveSteps(points: 40, steps: 0) == [0])
    }
}

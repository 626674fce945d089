import Core
import Testing

@Suite("PILoT initialization")
struct PILoTInitializationTests {
    @Test("m₀·w₀ = x_init and m₀² − w₀² = β", arguments: [
        (0.0, 1.0), (0.7, 1.0), (-2.5, 1.0), (3.0, 0.25), (1e-3, 100.0), (-40.0, 1e-6),
    ])
    func productAndBalance(x: Double, beta: Double) {
        let (m, w) = pilotInitialization(x: x, scale: beta)
        #expect(m > 0)
        #expect(abs(m * w - x) <= 1e-14 * max(1, abs(x)))
        #expect(abs((m * m - w * w) - beta) <= 1e-12 * max(1, beta, x * x))
    }

    @Test("x_init = 0 gives m₀ = √β and w₀ = 0 exactly")
    func zeroStart() {
        for beta in [1.0, 100, 1e-6, 2] {
            let (m, w) = pilotInitialization(x: 0, scale: beta)
            #expect(m == beta.squareRoot())
            #expect(w == 0)
        }
    }

    @Test("β = 0 (spred) gives equal magnitudes, and zero factors at x_init = 0")
    func spred() {
        let (m, w) = pilotInitialization(x: 2, scale: 0)
        #expect(abs(m - 2.0.squareRoot()) <= 1e-15)
        #expect(abs(w - 2.0.squareRoot()) <= 1e-15)
        let (m0, w0) = pilotInitialization(x: 0, scale: 0)
        #expect(m0 == 0 && w0 == 0)
    }
}

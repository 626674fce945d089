import Foundation
@testable import Reporting
import Testing

/// Student-t quantiles from the incomplete beta function, against published values.
@Suite("Student t quantiles")
struct StudentTTests {
    @Test("quantiles match published values to 1e-8 relative", arguments: [
        (0.975, 1.0, 12.706204736),
        (0.975, 9.0, 2.262157163),
        (0.975, 29.0, 2.045229642),
        (0.995, 4.0, 4.604094871),
        (0.95, 5.0, 2.015048373),
    ])
    func published(_ p: Double, _ nu: Double, _ expected: Double) {
        let t = StudentT.quantile(p, degreesOfFreedom: nu)
        #expect(abs(t - expected) / expected < 1e-8)
    }

    @Test("one degree of freedom is the Cauchy quantile tan(π(p − 1/2))", arguments: [0.6, 0.9, 0.99, 0.999])
    func cauchy(_ p: Double) {
        let expected = tan(Double.pi * (p - 0.5))
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: 1) - expected) / expected < 1e-10)
    }

    @Test("two degrees of freedom have the closed form (2p − 1)/√(2p(1 − p))", arguments: [0.55, 0.9, 0.975, 0.9999])
    func twoDegrees(_ p: Double) {
        let expected = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: 2) - expected) / expected < 1e-12)
    }

    @Test("many degrees of freedom approach the normal quantile 1.959963985")
    func normalLimit() {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1e7) - 1.959963985) < 1e-6)
    }

    @Test("quantiles are odd about 1/2 and invert the tail")
    func symmetryAndInverse() {
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(StudentT.quantile(0.025, degreesOfFreedom: 9) == -StudentT.quantile(0.975, degreesOfFreedom: 9))
        for nu in [1.0, 3, 10, 50] {
            let t = StudentT.quantile(0.9, degreesOfFreedom: nu)
            #expect(abs(StudentT.upperTail(t, degreesOfFreedom: nu) - 0.1) < 1e-13)
        }
    }
}

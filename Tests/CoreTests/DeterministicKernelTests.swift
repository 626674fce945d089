import CKernels
import CLinearAlgebra
@testable import Core
import Foundation
import Testing

/// The kernels that replaced OpenBLAS, LAPACK and libm calls: the same bits on every instruction
/// set, and agreement with a straightforward reference.
@Suite("Deterministic kernels")
struct DeterministicKernelTests {
    static func draw(_ count: Int, _ rng: inout Xoshiro256StarStar) -> [Double] {
        (0..<count).map { _ in rng.nextUniform() - 0.5 }
    }

    /// (m, n, k, transpose A, transpose B, accumulate, α), covering row and column tails.
    @Test("ck_matrix_multiply: every instruction set gives the reference's bits", arguments: [
        (1, 1, 1, false, false, false, 1.0), (4, 8, 5, false, true, true, 1.0), (5, 17, 9, true, false, false, 2.0),
        (7, 3, 64, true, true, true, -1.0), (33, 40, 16, false, true, true, 1.0), (64, 64, 64, true, false, false, 1.0),
        (10, 10, 0, false, false, true, -1.0), (3, 100, 70, false, false, false, 0.5),
    ])
    func matrixMultiply(shape: (Int, Int, Int, Bool, Bool, Bool, Double)) {
        let (m, n, k, ta, tb, accumulate, alpha) = shape
        var rng = Xoshiro256StarStar(seed: UInt64(m * 10_000 + n * 100 + k))
        let a = Self.draw(m * k, &rng), b = Self.draw(k * n, &rng), c0 = Self.draw(m * n, &rng)
        let lda = ta ? m : k, ldb = tb ? k : n
        // The definition: one fused multiply-add chain per entry over p ascending, then α·s (+ C).
        var reference = c0
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k {
                    s = s.addingProduct(ta ? a[p * lda + i] : a[i * lda + p], tb ? b[j * ldb + p] : b[p * ldb + j])
                }
                reference[i * n + j] = accumulate ? c0[i * n + j] + alpha * s : alpha * s
            }
        }
        for set in InstructionSet.allCases where set.isSupported {
            var c = c0
            ck_matrix_multiply(set.isa, ta ? 1 : 0, tb ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, accumulate ? 1 : 0, &c, n)
            #expect(c.map(\.bitPattern) == reference.map(\.bitPattern), "\(set)")
        }
    }

    @Test("ck_least_squares_loss: every instruction set gives the gradient kernel's loss and residuals", arguments: [
        (1, 1), (3, 9), (9, 100), (41, 101), (17, 300),
    ])
    func leastSquaresLoss(shape: (Int, Int)) {
        let (n, d) = shape
        var rng = Xoshiro256StarStar(seed: UInt64(n * 1000 + d))
        let z = Self.draw(n * d, &rng), y = Self.draw(n, &rng), x = Self.draw(d, &rng)
        var r0 = [Double](repeating: 0, count: n), g = [Double](repeating: 0, count: d)
        let expected = ck_least_squares_gradient(CK_ISA_PORTABLE, z, d, y.map { -$0 }, n, d, x, &r0, &g)
        for set in InstructionSet.allCases where set.isSupported {
            var r = [Double](repeating: .nan, count: n)
            let loss = ck_least_squares_loss(set.isa, z, d, y, n, d, x, &r)
            #expect(loss.bitPattern == expected.bitPattern, "\(set)")
            #expect(r.map(\.bitPattern) == r0.map(\.bitPattern), "\(set)")
        }
    }

    /// The distance from `value` to `reference` in units in the last place of `reference`.
    static func ulps(_ value: Double, _ reference: Double) -> Double {
        abs(value - reference) / reference.ulp
    }

    @Test func elementaryFunctionsAgreeWithLibm() {
        var rng = Xoshiro256StarStar(seed: 11)
        var worst = (exp: 0.0, log: 0.0, cos: 0.0)
        for _ in 0..<200_000 {
            let u = rng.nextUniform(), v = 1 - rng.nextUniform()
            let e = -700 + 1400 * u
            worst.exp = max(worst.exp, Self.ulps(ck_exp(e), Foundation.exp(e)))
            let l = v * Double(sign: .plus, exponent: Int(u * 400) - 200, significand: 1)
            worst.log = max(worst.log, Self.ulps(ck_log(l), Foundation.log(l)))
            worst.log = max(worst.log, Self.ulps(ck_log(v), Foundation.log(v)))
            let c = 2 * Double.pi * u
            if abs(Foundation.cos(c)) > 1e-3 { worst.cos = max(worst.cos, Self.ulps(ck_cos(c), Foundation.cos(c))) }
        }
        #expect(worst.exp <= 1 && worst.log <= 1 && worst.cos <= 2, "\(worst)")
        #expect(ck_exp(0) == 1 && ck_log(1) == 0 && ck_cos(0) == 1)
        #expect(ck_exp(710) == .infinity && ck_exp(-746) == 0 && ck_log(0) == -.infinity && ck_log(-1).isNaN)
        #expect(ck_exp(.nan).isNaN && ck_log(.infinity) == .infinity && ck_cos(.infinity).isNaN)
    }

    @Test("Jacobi singular values agree with LAPACK's dgesvd", arguments: [1, 2, 5, 10, 30])
    func singularValues(dimension d: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(d))
        // A matrix of rank min(d, 3) plus one of full rank.
        for rank in [min(d, 3), d] {
            let u = Self.draw(d * rank, &rng), v = Self.draw(rank * d, &rng)
            var x = [Double](repeating: 0, count: d * d)
            for i in 0..<d {
                for j in 0..<d {
                    for l in 0..<rank { x[i * d + j] += u[i * rank + l] * v[l * d + j] }
                }
            }
            let sigma = MatrixMetrics.singularValues(x, dimension: d)
            var a = x, lapack = [Double](repeating: 0, count: d), superb = [Double](repeating: 0, count: max(d - 1, 1))
            let none = CChar(UInt8(ascii: "N"))
            #expect(LAPACKE_dgesvd(LAPACK_COL_MAJOR, none, none, Int32(d), Int32(d), &a, Int32(d), &lapack, nil, 1, nil, 1, &superb) == 0)
            for (s, l) in zip(sigma, lapack) { #expect(abs(s - l) <= 1e-13 * lapack[0], "\(sigma) versus \(lapack)") }
        }
    }
}

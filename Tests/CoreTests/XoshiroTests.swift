import Core
import Testing

/// Reference values come from `scripts/fixtures/xoshiro_reference.py`, an independent Python
/// implementation of SplitMix64 seeding and xoshiro256** (run it to regenerate them).
@Suite("Xoshiro256StarStar")
struct XoshiroTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        let seed: UInt64
        let next: [UInt64]
        let uniforms: [Double]
        let normals: [Double]
        let intsBelowTen: [Int]
        var testDescription: String { "seed \(seed)" }
    }

    static let references = [
        Reference(
            seed: 0,
            next: [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59],
            uniforms: [0x1.33d8be6d96ebep-1, 0x1.7edc3ef092ac8p-1, 0x1.a5f849d4933e0p-4],
            normals: [-0.01896499060631051, -0.40372109705088766, 1.6251100012755157],
            intsBelowTen: [0, 2, 8, 2, 7, 8, 4, 3]
        ),
        Reference(
            seed: 1,
            next: [0xB3F2_AF6D_0FC7_10C5, 0x853B_5596_4736_4CEA, 0x92F8_9756_082A_4514, 0x642E_1C7B_C266_A3A7, 0xB27A_48E2_9A23_3673],
            uniforms: [0x1.67e55eda1f8e2p-1, 0x1.0a76ab2c8e6c9p-1, 0x1.25f12eac10548p-1],
            normals: [-1.5452228371402943, -1.0136476397283942, 0.9582971460957354],
            intsBelowTen: [7, 2, 0, 3, 1, 2, 6, 9]
        ),
        Reference(
            seed: 42,
            next: [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64],
            uniforms: [0x1.5780b2e0c2ec0p-4, 0x1.84136619b444ep-2, 0x1.5c2ea66473c93p-1],
            normals: [-0.303263064678738, 1.3438117634372806, 0.3834617912676943],
            intsBelowTen: [2, 2, 9, 3, 6, 4, 4, 7]
        ),
        Reference(
            seed: .max,
            next: [0x8F55_20D5_2A7E_AD08, 0xC476_A018_CAA1_802D, 0x81DE_31C0_D260_469E, 0xBF65_8D7E_065F_3C2F, 0x9135_93FD_A1BC_A32A],
            uniforms: [0x1.1eaa41aa54fd5p-1, 0x1.88ed403195430p-1, 0x1.03bc6381a4c08p-1],
            normals: [0.14007213425705564, -0.017617707350750064, -0.14815737346182747],
            intsBelowTen: [2, 9, 6, 7, 2, 3, 2, 4]
        ),
    ]

    /// The first `count` values `draw` takes from a generator seeded with `seed`.
    static func draws<Value>(_ count: Int, seed: UInt64, _ draw: (inout Xoshiro256StarStar) -> Value) -> [Value] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in draw(&rng) }
    }

    @Test(arguments: references)
    func rawOutputsMatchTheReference(_ reference: Reference) {
        #expect(Self.draws(reference.next.count, seed: reference.seed) { $0.next() } == reference.next)
    }

    @Test(arguments: references)
    func uniformsMatchTheReferenceExactly(_ reference: Reference) {
        #expect(Self.draws(reference.uniforms.count, seed: reference.seed) { $0.nextUniform() } == reference.uniforms)
    }

    @Test(arguments: references)
    func normalsMatchTheReferenceToRounding(_ reference: Reference) {
        let values = Self.draws(reference.normals.count, seed: reference.seed) { $0.nextNormal() }
        for (value, expected) in zip(values, reference.normals) {
            #expect(abs(value - expected) <= 1e-14 * max(1, abs(expected)), "\(value) vs \(expected)")
        }
    }

    @Test(arguments: references)
    func boundedIntegersMatchTheReference(_ reference: Reference) {
        #expect(Self.draws(reference.intsBelowTen.count, seed: reference.seed) { $0.nextInt(below: 10) } == reference.intsBelowTen)
    }

    @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
        let first = Self.draws(100, seed: 7) { $0.next() }
        #expect(first == Self.draws(100, seed: 7) { $0.next() })
        #expect(first != Self.draws(100, seed: 8) { $0.next() })
    }

    @Test func normalsHaveMeanZeroAndVarianceOne() {
        var rng = Xoshiro256StarStar(seed: 2024)
        let n = 200_000
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<n {
            let z = rng.nextNormal()
            sum += z
            sumOfSquares += z * z
        }
        let mean = sum / Double(n)
        let variance = sumOfSquares / Double(n) - mean * mean
        // Standard errors are 1/√n ≈ 0.0022 for the mean and √(2/n) ≈ 0.0032 for the variance.
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.015)
    }

    @Test func uniformsStayInTheHalfOpenUnitInterval() {
        let draws = Self.draws(10_000, seed: 5) { $0.nextUniform() }
        #expect(draws.allSatisfy { (0..<1).contains($0) })
        #expect(draws.min()! < 0.001 && draws.max()! > 0.999)
    }

    @Test(arguments: [1, 2, 3, 7, 10, 1000, Int.max])
    func boundedIntegersStayInRange(bound: Int) {
        let draws = Self.draws(2000, seed: UInt64(bound)) { $0.nextInt(below: bound) }
        #expect(draws.allSatisfy { (0..<bound).contains($0) })
        if bound <= 10 {
            #expect(Set(draws) == Set(0..<bound), "every value below \(bound) appears in 2000 draws")
        }
    }
}

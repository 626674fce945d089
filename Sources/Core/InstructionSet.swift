import CKernels

/// The instruction set Core's C kernels run on. Every choice gives the same bits; they differ in
/// speed only.
public enum InstructionSet: String, Sendable, CaseIterable {
    /// Plain C; runs on any CPU.
    case portable
    /// AVX2 with FMA3.
    case avx2
    /// AVX-512 F and VL.
    case avx512

    /// The fastest instruction set this CPU supports.
    public static var native: InstructionSet {
        switch ck_best_isa() {
        case CK_ISA_AVX512: .avx512
        case CK_ISA_AVX2: .avx2
        default: .portable
        }
    }

    /// Whether this CPU can run the kernels built for this instruction set.
    public var isSupported: Bool { ck_isa_supported(isa) != 0 }

    var isa: ck_isa {
        switch self {
        case .portable: CK_ISA_PORTABLE
        case .avx2: CK_ISA_AVX2
        case .avx512: CK_ISA_AVX512
        }
    }
}

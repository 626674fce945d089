/// K, the L1 budget of the PILoT rule (``PILoTSchedule``): a number, or taken from the target sparsity.
public enum PILoTBudget: Hashable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// K as written.
    case l1(Double)
    /// K = ‖prune_s(x₀)‖₁: the L1 norm of the initial effective weights after global magnitude
    /// pruning to `target_sparsity` s. Written `auto`.
    case target

    public init(floatLiteral value: Double) { self = .l1(value) }
    public init(integerLiteral value: Int) { self = .l1(Double(value)) }

    /// The number, or `auto`.
    public var description: String {
        switch self {
        case let .l1(k): return k.description
        case .target: return "auto"
        }
    }

    /// K for the initial effective weights `initial` and the target sparsity `sparsity`.
    public func resolved(initial: [Double], sparsity: Double?) -> Double {
        switch self {
        case let .l1(k): return k
        case .target:
            return MagnitudePruning.prune(initial, sparsity: sparsity ?? 0).reduce(0) { $0 + $1.magnitude }
        }
    }
}

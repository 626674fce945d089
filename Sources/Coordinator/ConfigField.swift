import Core

/// A field of `TrialConfig` as named in specs, with the YAML type it accepts.
enum ConfigField: String, CaseIterable, Sendable {
    case problem, data, samples, dimension, sparsity, noise
    case testSamples = "test_samples"
    case dataSeed = "data_seed"
    case parameterization, depth
    case initScale = "init_scale"
    case regularizer
    case weightDecay = "weight_decay"
    case schedule, optimizer
    case learningRate = "learning_rate"
    case momentum
    case batchSize = "batch_size"
    case steps, thresholds
    case curvePoints = "curve_points"
    case rank, measurements, model
    case widths
    case pruneSparsities = "prune_sparsities"
    case l1Penalty = "l1_penalty"

    /// The names accepted in specs, in `TrialConfig` order.
    static let names = allCases.map(\.rawValue)

    /// Whether `null` is accepted (the field is optional in `TrialConfig`).
    var isOptional: Bool {
        switch self {
        case .data, .dataSeed, .batchSize: return true
        case .widths, .pruneSparsities, .l1Penalty: return true
        default: return false
        }
    }

    /// What the field accepts, for error messages.
    var expected: String {
        switch self {
        case .problem: return "one of " + ProblemKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .parameterization: return "one of " + ParameterizationKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .regularizer: return "one of " + RegularizerKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .optimizer: return "one of " + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .data: return "a directory path (string) or null"
        case .samples, .dimension, .sparsity, .testSamples, .depth, .steps, .curvePoints: return "an integer"
        case .batchSize: return "an integer or null"
        case .dataSeed: return "an integer from 0 to \(UInt64.max) or null"
        case .noise, .initScale, .weightDecay, .learningRate, .momentum: return "a number"
        case .schedule: return "a schedule string (\(WeightDecaySchedule.allowedForms))"
        case .thresholds: return "a number or a list of numbers"
        case .rank, .measurements: return "an integer"
        case .model: return "one of " + MatrixModelKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .widths: return "an integer, a list of integers or null"
        case .pruneSparsities: return "a number, a list of numbers or null"
        case .l1Penalty: return "a number or null"
        }
    }
}

/// A typed value of one config field, converted from a YAML node.
enum FieldValue: Hashable, Sendable {
    case null
    case int(Int)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case problem(ProblemKind)
    case parameterization(ParameterizationKind)
    case regularizer(RegularizerKind)
    case optimizer(OptimizerKind)
    case schedule(WeightDecaySchedule)
    case doubles([Double])
    case model(MatrixModelKind)
    case ints([Int])

    /// The canonical text of the value, as shown in `AxisValue.value` and tables.
    var canonical: String {
        switch self {
        case .null: return "null"
        case let .int(v): return String(v)
        case let .uint(v): return String(v)
        case let .double(v): return Self.number(v)
        case let .string(v): return v
        case let .problem(v): return v.rawValue
        case let .parameterization(v): return v.rawValue
        case let .regularizer(v): return v.rawValue
        case let .optimizer(v): return v.rawValue
        case let .schedule(v): return v.description
        case let .doubles(v): return "[" + v.map(Self.number).joined(separator: ", ") + "]"
        case let .model(v): return v.rawValue
        case let .ints(v): return "[" + v.map(String.init).joined(separator: ", ") + "]"
        }
    }

    /// Integral values without a fractional part (`0`, not `0.0`); others in Swift's shortest round-trip form.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return v.description
    }
}

extension TrialConfig {
    /// Sets `field` to `value`; the value was converted for that field, so the kinds match.
    mutating func set(_ field: ConfigField, _ value: FieldValue) {
        switch (field, value) {
        case let (.problem, .problem(v)): problem = v
        case (.data, .null): data = nil
        case let (.data, .string(v)): data = v
        case let (.samples, .int(v)): samples = v
        case let (.dimension, .int(v)): dimension = v
        case let (.sparsity, .int(v)): sparsity = v
        case let (.noise, .double(v)): noise = v
        case let (.testSamples, .int(v)): testSamples = v
        case (.dataSeed, .null): dataSeed = nil
        case let (.dataSeed, .uint(v)): dataSeed = v
        case let (.parameterization, .parameterization(v)): parameterization = v
        case let (.depth, .int(v)): depth = v
        case let (.initScale, .double(v)): initScale = v
        case let (.regularizer, .regularizer(v)): regularizer = v
        case let (.weightDecay, .double(v)): weightDecay = v
        case let (.schedule, .schedule(v)): schedule = v
        case let (.optimizer, .optimizer(v)): optimizer = v
        case let (.learningRate, .double(v)): learningRate = v
        case let (.momentum, .double(v)): momentum = v
        case (.batchSize, .null): batchSize = nil
        case let (.batchSize, .int(v)): batchSize = v
        case let (.steps, .int(v)): steps = v
        case let (.thresholds, .doubles(v)): thresholds = v
        case let (.curvePoints, .int(v)): curvePoints = v
        case let (.rank, .int(v)): rank = v
        case let (.measurements, .int(v)): measurements = v
        case let (.model, .model(v)): model = v
        case (.widths, .null): widths = nil
        case let (.widths, .ints(v)): widths = v
        case (.pruneSparsities, .null): pruneSparsities = nil
        case let (.pruneSparsities, .doubles(v)): pruneSparsities = v
        case (.l1Penalty, .null): l1Penalty = nil
        case let (.l1Penalty, .double(v)): l1Penalty = v
        default: preconditionFailure("value \(value) was not converted for field \(field.rawValue)")
        }
    }
}

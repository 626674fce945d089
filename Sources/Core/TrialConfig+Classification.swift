extension ProblemKind {
    /// Whether the problem trains an MLP classifier (`digits`, `teacher-student`, `mnist1d`).
    public var isClassification: Bool { self == .digits || self == .teacherStudent || self == .mnist1d }
}

extension TrialConfig {
    /// The hidden widths when `widths` is nil.
    public static let defaultWidths = [64]
    /// The pruning sparsities when `prune_sparsities` is nil.
    public static let defaultPruneSparsities = [0.5, 0.8, 0.9, 0.95, 0.99]
    /// s₀ of `str` when `str_threshold_init` is nil: sigmoid(−10) ≈ 4.5·10⁻⁵, far below every
    /// He-normal weight scale, so training starts dense (as the paper's large negative s₀ do) and
    /// weight decay on s raises the threshold within a short run.
    public static let defaultSTRThresholdInit = -10.0

    /// nil when `value` is `defaultValue`: a field stores its default as nil.
    static func omittingDefault<T: Equatable>(_ value: T?, _ defaultValue: T) -> T? {
        value == defaultValue ? nil : value
    }

    /// `widths`, or its default.
    public var hiddenWidths: [Int] { widths ?? Self.defaultWidths }
    /// `prune_sparsities`, or its default.
    public var pruningSparsities: [Double] { pruneSparsities ?? Self.defaultPruneSparsities }
    /// `str_threshold_init`, or its default.
    public var softThresholdInit: Double { strThresholdInit ?? Self.defaultSTRThresholdInit }

    /// The checks of the classification fields, and of the others as classification uses them.
    func validateClassification() throws(CoreError) {
        func check<Value: CustomStringConvertible>(
            _ ok: Bool, _ field: String, _ value: @autoclosure () -> Value, _ allowed: @autoclosure () -> String
        ) throws(CoreError) {
            // The texts are built for an error only: every grid point of a sweep is validated.
            if !ok { throw .invalidField(field: field, value: value().description, allowed: allowed()) }
        }
        try check(hiddenWidths.allSatisfy { $0 >= 1 }, "widths", hiddenWidths.description, "a list of integers ≥ 1 (empty: no hidden layer)")
        try check(pruningSparsities.allSatisfy { (0...1).contains($0) }, "prune_sparsities", pruningSparsities.description,
                  "a list of numbers from 0 to 1")
        if let l1Penalty {
            try check(l1Penalty >= 0 && l1Penalty.isFinite, "l1_penalty", l1Penalty, "a finite number ≥ 0")
        }
        if let s = strThresholdInit {
            try check(s.isFinite, "str_threshold_init", s, "a finite number")
        }
        if let method {
            try check(!method.isEmpty && !method.contains(where: \.isWhitespace), "method", method, "a non-empty label without whitespace")
        }
        guard problem.isClassification else {
            try check(!schedule.containsAdaptive, "schedule", schedule, "a non-adaptive schedule: pilot:DELTA:BUDGET needs problem digits, teacher-student or mnist1d")
            for (name, isSet) in [("validation_samples", validationSamples != nil), ("target_sparsity", targetSparsity != nil),
                                  ("gradual_pruning", gradualPruning != nil), ("finetune_steps", finetuneSteps != nil)] {
                try check(!isSet, name, "set", "null: the field needs problem digits, teacher-student or mnist1d")
            }
            return
        }
        if let v = validationSamples {
            try check(v >= 0, "validation_samples", v, "an integer ≥ 0, below the number of training rows")
        }
        if let s = targetSparsity {
            try check(s > 0 && s < 1, "target_sparsity", s, "a number in (0, 1)")
        }
        if let window = gradualPruning {
            try check(window.count == 2 && 0 <= window[0] && window[0] < window[1] && window[1] <= 1, "gradual_pruning",
                      window.description, "[START, END] with 0 ≤ START < END ≤ 1")
            try check(targetSparsity != nil, "target_sparsity", "null", "a number in (0, 1): gradual_pruning prunes to it")
        }
        if let f = finetuneSteps {
            try check(f >= 0, "finetune_steps", f, "an integer ≥ 0")
        }
        if case .pilot(_, .target, _) = schedule {
            try check(targetSparsity != nil, "target_sparsity", "null", "a number in (0, 1): schedule \(schedule) takes its budget from it")
        }
        try check([.direct, .maskWeight, .str].contains(parameterization), "parameterization", parameterization.rawValue,
                  "direct, mask-weight or str for problem \(problem.rawValue)")
        try check(regularizer == .l2, "regularizer", regularizer.rawValue, "l2 for problem \(problem.rawValue)")
        try check(schedule.isAdaptive || !schedule.containsAdaptive, "schedule", schedule,
                  "a warmup before a non-adaptive schedule; pilot:DELTA:BUDGET cannot follow warmup")
        if schedule.isAdaptive {
            try check(weightDecay > 0, "weight_decay", weightDecay, "a number > 0 with schedule \(schedule): PILoT scales the starting λ")
        }
        if problem == .teacherStudent {
            try check(data == nil, "data", data ?? "", "null for teacher-student, which generates its data")
        }
    }
}

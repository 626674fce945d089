import Foundation
import SweepSpecs

/// A mean over seeds with the half-width of its Student-t confidence interval.
public struct MeanInterval: Hashable, Sendable {
    public var mean: Double
    /// t_{(1+c)/2, n−1} · s/√n for confidence c; nil for fewer than 2 values.
    public var halfWidth: Double?
    /// How many values (seeds, or pairs of seeds).
    public var count: Int

    /// The mean of `values`, summed in the given order, and its interval at `confidence`;
    /// `values` must not be empty.
    init(_ values: [Double], confidence: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        self.mean = mean
        count = values.count
        guard values.count >= 2 else { return }
        let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        halfWidth = StudentT.quantile((1 + confidence) / 2, degreesOfFreedom: n - 1) * deviation / n.squareRoot()
    }

    /// The interval's ends; nil without a half-width.
    public var bounds: (lower: Double, upper: Double)? {
        halfWidth.map { (mean - $0, mean + $0) }
    }
}

/// The reference method's standing against another at one sparsity, from the paired interval
/// of reference − method.
public enum ComparisonVerdict: String, Hashable, Sendable {
    /// The interval lies above 0.
    case wins
    /// The interval lies below 0.
    case loses
    /// The interval contains 0.
    case ties
    /// Fewer than 2 seeds have both methods' test values.
    case tooFewSeeds = "too few seeds"
}

/// The per-seed difference reference − method of the test metric on their common seeds.
public struct PairedDifference: Hashable, Sendable {
    /// The differences' mean and interval; nil when no seed has both values.
    public var difference: MeanInterval?
    public var verdict: ComparisonVerdict
}

/// The configuration a method's validation chose at one sparsity.
public struct ComparisonChoice: Hashable, Sendable {
    /// The fields that vary among the method's candidates, with the chosen one's values.
    public var setting: [AxisValue]
    /// The grid position of the chosen configuration among the comparison's configurations.
    public var configuration: Int
    /// The mean of the selection metric over the chosen configuration's seeds.
    public var validation: MeanInterval
    /// The test metric over its seeds; nil when none of them recorded it.
    public var test: MeanInterval?
}

/// One method at one sparsity.
public struct ComparisonRow: Hashable, Sendable {
    public var sparsity: Double
    public var method: String
    /// The number of candidates: the method's configurations whose `target_sparsity` is null or s.
    public var budget: Int
    /// Failed and diverged trials among the candidates, left out of every mean.
    public var excluded: Int
    /// The chosen configuration; nil when no candidate recorded a finite selection mean.
    public var choice: ComparisonChoice?
    /// The comparison with the reference; nil for the reference itself.
    public var paired: PairedDifference?
}

/// Methods compared the way a paper must: at each sparsity, each method's configuration is chosen
/// by the highest validation mean among its candidates, the test metric is read for that one
/// configuration only, and the reference method is compared with each other method seed by seed.
public struct PairedComparison: Hashable, Sendable {
    public var options: ComparisonOptions
    /// The methods in order: the reference, then the others by their first configuration.
    public var methods: [String]
    /// By sparsity in the options' order, then by method.
    public var rows: [ComparisonRow]
    /// Trial counts over every configuration.
    public var completed: Int
    public var failed: Int
    public var diverged: Int
    public var pending: Int

    /// Compares the methods of `configurations`, given in grid order (a tie of validation means
    /// goes to the configuration given first).
    ///
    /// Every configuration must set `method`; the reference must be one of them; each metric
    /// the options name must be recorded by some completed trial.
    public init(configurations: [ComparisonConfiguration], options: ComparisonOptions) throws(ReportError) {
        guard !options.sparsities.isEmpty else {
            throw .invalidOption(option: "sparsities", text: "", expected: "at least one sparsity")
        }
        guard options.confidence > 0, options.confidence < 1 else {
            throw .invalidOption(option: "confidence", text: "\(options.confidence)", expected: "a level in (0, 1), e.g. 0.95")
        }
        completed = configurations.reduce(0) { $0 + $1.completed.count }
        failed = configurations.reduce(0) { $0 + $1.failed }
        diverged = configurations.reduce(0) { $0 + $1.diverged }
        pending = configurations.reduce(0) { $0 + $1.pending }
        guard completed > 0 else {
            throw .noCompletedTrials(failed: failed, diverged: diverged, pending: pending)
        }
        let varied = Self.variedFields(configurations)
        var methods: [String] = []
        for configuration in configurations {
            guard let method = configuration.field("method") else {
                let named = configuration.fields.filter { varied.contains($0.name) }.map { "\($0.name)=\($0.value)" }
                throw .missingField(field: "method", configuration: named.joined(separator: ", "))
            }
            if !methods.contains(method) { methods.append(method) }
        }
        guard let reference = methods.firstIndex(of: options.reference) else {
            throw .unknownMethod(option: "reference", name: options.reference, methods: methods)
        }
        methods.insert(methods.remove(at: reference), at: 0)
        let recorded = Set(configurations.flatMap { $0.completed.values.flatMap(\.keys) }).sorted()
        for (option, template) in [("select", options.select), ("report", options.report)] {
            for s in options.sparsities {
                let name = ComparisonOptions.metric(template, sparsity: s)
                guard recorded.contains(name) else {
                    throw .unknownMetric(option: option, name: name, allowed: Self.nearest(recorded, to: name))
                }
            }
        }
        self.options = options
        self.methods = methods
        rows = []
        for s in options.sparsities {
            let select = ComparisonOptions.metric(options.select, sparsity: s)
            let report = ComparisonOptions.metric(options.report, sparsity: s)
            let chosen = methods.map { method in
                Self.choose(method: method, sparsity: s, select: select, report: report, in: configurations, confidence: options.confidence)
            }
            for m in methods.indices {
                var row = chosen[m]
                if m > 0 {
                    row.paired = Self.paired(
                        reference: chosen[0].choice.map { configurations[$0.configuration] },
                        method: row.choice.map { configurations[$0.configuration] },
                        metric: report, confidence: options.confidence)
                }
                rows.append(row)
            }
        }
    }

    /// The row of `method` at `s` without its paired comparison: its candidates and the one
    /// with the highest finite mean of `select`, whose `report` values are then read.
    private static func choose(method: String, sparsity s: Double, select: String, report: String,
                               in configurations: [ComparisonConfiguration], confidence: Double) -> ComparisonRow {
        let candidates = configurations.indices.filter { i in
            configurations[i].field("method") == method
                && configurations[i].field("target_sparsity").map { Double($0) == s } ?? true
        }
        let excluded = candidates.reduce(0) { $0 + configurations[$1].failed + configurations[$1].diverged }
        var best: (index: Int, validation: MeanInterval)?
        for i in candidates {
            let values = configurations[i].values(select).map(\.value)
            guard !values.isEmpty else { continue }
            let validation = MeanInterval(values, confidence: confidence)
            guard validation.mean.isFinite else { continue }
            if best == nil || validation.mean > best!.validation.mean { best = (i, validation) }
        }
        let choice = best.map { best in
            let varied = variedFields(candidates.map { configurations[$0] })
            let test = configurations[best.index].values(report).map(\.value)
            return ComparisonChoice(
                setting: configurations[best.index].fields.filter { varied.contains($0.name) },
                configuration: best.index, validation: best.validation,
                test: test.isEmpty ? nil : MeanInterval(test, confidence: confidence))
        }
        return ComparisonRow(sparsity: s, method: method, budget: candidates.count, excluded: excluded, choice: choice, paired: nil)
    }

    /// reference − method of `metric` on the seeds both configurations recorded it for, in seed order.
    private static func paired(reference: ComparisonConfiguration?, method: ComparisonConfiguration?,
                               metric: String, confidence: Double) -> PairedDifference {
        let theirs = Dictionary(uniqueKeysWithValues: method?.values(metric).map { ($0.seed, $0.value) } ?? [])
        let differences = (reference?.values(metric) ?? []).compactMap { own in theirs[own.seed].map { own.value - $0 } }
        guard !differences.isEmpty else { return PairedDifference(difference: nil, verdict: .tooFewSeeds) }
        let difference = MeanInterval(differences, confidence: confidence)
        guard let bounds = difference.bounds else { return PairedDifference(difference: difference, verdict: .tooFewSeeds) }
        let verdict: ComparisonVerdict = bounds.lower > 0 ? .wins : bounds.upper < 0 ? .loses : .ties
        return PairedDifference(difference: difference, verdict: verdict)
    }

    /// The names of the fields whose values differ among `configurations`.
    private static func variedFields(_ configurations: [ComparisonConfiguration]) -> Set<String> {
        var values: [String: Set<String>] = [:]
        var names: Set<String> = []
        for configuration in configurations {
            names.formUnion(configuration.fields.map(\.name))
        }
        for configuration in configurations {
            for name in names { values[name, default: []].insert(configuration.fields.first { $0.name == name }?.value ?? "null") }
        }
        return Set(values.filter { $0.value.count > 1 }.keys)
    }

    /// Up to 8 of `recorded` to suggest for the unknown metric `name`: those sharing its part
    /// before `@` first.
    private static func nearest(_ recorded: [String], to name: String) -> [String] {
        let stem = name.split(separator: "@").first.map(String.init) ?? name
        let alike = recorded.filter { $0.hasPrefix(stem) }
        return Array((alike + recorded.filter { !$0.hasPrefix(stem) }).prefix(8))
    }
}

import Core
@testable import Reporting
@testable import SweepSpecs
import Testing

/// Hand-made records: three configurations of `weight_decay` × two seeds.
///
/// - `0`: recovery 1 and 3, sparsity 0.1 and 0.3 (dominated);
/// - `0.05`: recovery 0.5, sparsity 0.9, and one diverged seed;
/// - `0.1`: recovery 0.4, sparsity 0.5, and one failed seed.
enum Fixture {
    static func record(_ index: Int, _ wd: String, seed: UInt64, _ outcome: TrialOutcome?) -> TrialRecord {
        var config = TrialConfig()
        config.weightDecay = Double(wd)!
        let spec = TrialSpec(id: "id\(index)", index: index, config: config, seed: seed,
                             axes: [AxisValue(name: "weight_decay", value: wd), AxisValue(name: "steps", value: "100")])
        return TrialRecord(spec: spec, outcome: outcome)
    }

    static func done(_ metrics: [String: Double], status: TrialStatus = .completed) -> TrialOutcome {
        .done(TrialResult(status: status, steps: 100, wallSeconds: 1.5, x: [], metrics: metrics, curves: []))
    }

    static let records: [TrialRecord] = [
        record(0, "0", seed: 0, done(["recovery_error": 1, "sparsity": 0.1])),
        record(1, "0", seed: 1, done(["recovery_error": 3, "sparsity": 0.3])),
        record(2, "0.05", seed: 0, done(["recovery_error": 0.5, "sparsity": 0.9])),
        record(3, "0.05", seed: 1, done(["recovery_error": .nan, "sparsity": 0], status: .diverged)),
        record(4, "0.1", seed: 0, done(["recovery_error": 0.4, "sparsity": 0.5])),
        record(5, "0.1", seed: 1, .failed(message: "worker lost", attempts: 3)),
    ]

    static let options = TableOptions(title: "tiny_sweep", metrics: ["recovery_error", "sparsity"])
}

@Suite("Aggregation into the generalization-versus-sparsity table")
struct AggregationTests {
    @Test("mean, sample std, counts; only varying axes form the rows")
    func statistics() throws {
        let table = try ResultTable(records: Fixture.records, options: Fixture.options)
        #expect(table.rowAxes == ["weight_decay"])
        #expect(table.seedCount == 2)
        #expect(table.rows.map { $0.key.map(\.value) } == [["0"], ["0.05"], ["0.1"]])
        let a = try #require(table.rows[0].cells[0])
        #expect(a.done == 2 && a.failed == 0 && a.diverged == 0)
        #expect(a.metrics["recovery_error"]?.mean == 2)
        #expect(abs((a.metrics["recovery_error"]?.std ?? 0) - 2.0.squareRoot()) < 1e-15)
        let b = try #require(table.rows[1].cells[0])
        #expect(b.done == 2 && b.diverged == 1 && b.failed == 0)
        #expect(b.metrics["recovery_error"] == MetricSummary([0.5]))
        #expect(b.metrics["recovery_error"]?.std == nil)
        let c = try #require(table.rows[2].cells[0])
        #expect(c.done == 1 && c.failed == 1)
    }

    @Test("Pareto front: lower recovery error and higher sparsity")
    func pareto() throws {
        let table = try ResultTable(records: Fixture.records, options: Fixture.options)
        #expect(table.generalizationMetric == "recovery_error")
        #expect(table.rows.map { $0.cells[0]?.pareto } == [false, true, true])
    }

    @Test("Pareto front falls back to test_mse and keeps ties")
    func paretoFallback() throws {
        let records = [
            Fixture.record(0, "0", seed: 0, Fixture.done(["test_mse": 1, "sparsity": 0.5])),
            Fixture.record(1, "0.1", seed: 0, Fixture.done(["test_mse": 1, "sparsity": 0.5])),
            Fixture.record(2, "0.2", seed: 0, Fixture.done(["test_mse": 1, "sparsity": 0.4])),
            Fixture.record(3, "0.3", seed: 0, Fixture.done(["test_mse": 2, "sparsity": 0.6])),
            Fixture.record(4, "0.4", seed: 0, Fixture.done(["test_mse": 3, "sparsity": 0.6])),
        ]
        let table = try ResultTable(records: records, options: TableOptions(title: "t"))
        #expect(table.generalizationMetric == "test_mse")
        #expect(table.rows.map { $0.cells[0]?.pareto } == [true, true, false, true, false])
    }

    @Test("output does not depend on record order", arguments: TableFormat.allCases)
    func orderIndependence(format: TableFormat) throws {
        let reference = try ResultTable(records: Fixture.records, options: Fixture.options).render(format)
        for shuffled in [Array(Fixture.records.reversed()), [3, 0, 5, 1, 4, 2].map { Fixture.records[$0] }] {
            #expect(try ResultTable(records: shuffled, options: Fixture.options).render(format) == reference)
        }
    }

    @Test("rows that leave out a varying axis refuse to average over it unless it is pooled")
    func rowsOption() throws {
        #expect(throws: ReportError.pooledAxes(axes: ["weight_decay"], varied: ["weight_decay"])) {
            try ResultTable(records: Fixture.records, options: TableOptions(title: "t", rows: ["steps"]))
        }
        let pooled = try ResultTable(records: Fixture.records, options: TableOptions(title: "t", rows: ["steps"], pool: ["weight_decay"]))
        #expect(pooled.rows.count == 1)
        #expect(pooled.rows[0].cells[0]?.done == 5)
        #expect(throws: ReportError.unknownAxis(option: "rows", name: "depth", allowed: ["weight_decay", "steps"])) {
            try ResultTable(records: Fixture.records, options: TableOptions(title: "t", rows: ["depth"]))
        }
        #expect(throws: ReportError.unknownAxis(option: "pool", name: "seed", allowed: ["weight_decay", "steps"])) {
            try ResultTable(records: Fixture.records, options: TableOptions(title: "t", rows: ["steps"], pool: ["seed"]))
        }
        #expect(ReportError.pooledAxes(axes: ["weight_decay"], varied: ["weight_decay", "schedule"]).description
            == "rows: each row would average trials that differ in weight_decay; the axes that vary: weight_decay, schedule. "
            + "Add it to --rows or --columns, or average over it with --pool weight_decay")
    }

    @Test("an axis left out of the rows that another row axis determines (a zip group's) is no pooling")
    func zipAxisLeftOut() throws {
        let records = SwitchOffFixture.records
        let table = try ResultTable(records: records, options: TableOptions(
            title: "q", rows: ["weight_decay", "schedule", "parameterization"], metrics: ["sparsity"]))
        #expect(table.rows.count == SwitchOffFixture.configurationCount)
        #expect(throws: ReportError.pooledAxes(axes: ["weight_decay", "parameterization", "depth"],
                                               varied: ["weight_decay", "schedule", "parameterization", "depth"])) {
            try ResultTable(records: records, options: TableOptions(title: "q", rows: ["schedule"]))
        }
        let bySchedule = try ResultTable(records: records, options: TableOptions(
            title: "q", rows: ["schedule"], pool: ["weight_decay", "parameterization", "depth"]))
        #expect(bySchedule.rows.first?.cells[0]?.done == 12)
    }

    @Test("default metrics, generalization metric and direction follow the problem kind")
    func problemDefaults() {
        let digits = ["accuracy", "accuracy@0.9", "epochs", "l1", "nonzeros", "sparsity", "steps", "test_loss", "train_accuracy", "train_loss"]
        #expect(MetricDefaults.table(recorded: digits) == ["accuracy", "train_accuracy", "train_loss", "sparsity", "nonzeros"])
        #expect(MetricDefaults.generalization(recorded: digits) == "accuracy")
        let sensing = ["balance_error", "effective_rank", "nuclear_norm", "relative_error", "sigma_1", "train_loss"]
        #expect(MetricDefaults.table(recorded: sensing) == ["relative_error", "effective_rank", "train_loss", "nuclear_norm"])
        #expect(MetricDefaults.generalization(recorded: sensing) == "relative_error")
        #expect(MetricDefaults.table(recorded: ["recovery_error", "sparsity", "test_mse"]) == ["recovery_error", "test_mse", "sparsity"])
        #expect(MetricDefaults.table(recorded: []) == MetricDefaults.regression)
        #expect(MetricDefaults.table(recorded: ["val_loss", "accuracy_top5"]) == ["accuracy_top5", "val_loss"])
        #expect(!MetricDefaults.lowerIsBetter("accuracy") && !MetricDefaults.lowerIsBetter("accuracy@0.9")
            && !MetricDefaults.lowerIsBetter("sparsity") && MetricDefaults.lowerIsBetter("train_loss"))
    }

    @Test("Pareto front on accuracy: higher accuracy and higher sparsity")
    func paretoAccuracy() throws {
        let records = [
            Fixture.record(0, "0", seed: 0, Fixture.done(["accuracy": 0.97, "train_accuracy": 1, "sparsity": 0.1])),
            Fixture.record(1, "0.1", seed: 0, Fixture.done(["accuracy": 0.95, "train_accuracy": 1, "sparsity": 0.9])),
            Fixture.record(2, "0.2", seed: 0, Fixture.done(["accuracy": 0.90, "train_accuracy": 1, "sparsity": 0.5])),
        ]
        let table = try ResultTable(records: records, options: TableOptions(title: "t"))
        #expect(table.generalizationMetric == "accuracy")
        #expect(table.metrics == ["accuracy", "train_accuracy", "sparsity"])
        #expect(table.rows.map { $0.cells[0]?.pareto } == [true, true, false])
    }

    @Test("columns option pivots axis values into column groups")
    func pivot() throws {
        let table = try ResultTable(records: Fixture.records,
                                    options: TableOptions(title: "t", columns: ["weight_decay"], metrics: ["sparsity"]))
        #expect(table.rowAxes == [])
        #expect(table.columnGroups.map { $0.map(\.value) } == [["0"], ["0.05"], ["0.1"]])
        #expect(table.rows.count == 1)
        #expect(table.rows[0].cells.map { $0?.metrics["sparsity"]?.mean } == [0.2, 0.9, 0.5])
        #expect(table.render(.csv).hasPrefix("weight_decay=0 n,weight_decay=0 failed,"))
    }

    @Test("significant-digit formatting", arguments: [
        (0.05, "0.05"), (1234.5, "1235"), (123456, "1.235e+05"), (0.000012346, "1.235e-05"),
        (-2.5, "-2.5"), (9.99995, "10"), (0, "0"), (1.4142135, "1.414"), (0.0001, "0.0001"),
    ])
    func significant(value: Double, text: String) {
        #expect(NumberFormat.significant(value, digits: 4) == text)
    }
}

import Core
import Foundation
import Journaling
@testable import Reporting
import SweepSpecs
import Testing

/// Tables, plots and the report of a journal filled with command trials.
@Suite("Reporting on command sweeps")
struct CommandReportingTests {
    /// A journal of ``makeCommandTrials()``: all done but the last, which failed with a log.
    private func filledJournal(_ run: TemporaryRunDirectory) throws -> Journal {
        let journal = try run.open()
        let trials = makeCommandTrials()
        try journal.register(spec: "cmd", specText: "cmd", trials: trials)
        var entries: [JournalEntry] = trials.dropLast().enumerated().map { index, trial in
            .done(trialID: trial.id, result: makeCommandResult(accuracy: Double(index) / 10, loss: 1 - Double(index) / 10),
                  attempts: 1, worker: "w")
        }
        entries.append(.failed(trialID: trials[7].id, message: "exit status 1", attempts: 1, worker: nil, logs: [
            JournalAttemptLog(attempt: 1, failure: "exit status 1", text: "loading <data> & \"labels\"\nKeyError: 'x'\n"),
        ]))
        try journal.record(entries)
        return journal
    }

    @Test("the table's default metrics are those the programs reported, its rows the varied fields")
    func defaultTable() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try filledJournal(run)
        let table = try ResultTable(journal: journal, options: TableOptions(title: "cmd"))
        #expect(table.metrics == ["accuracy", "val_loss"])
        #expect(table.rowAxes == ["lr", "optimizer"])
        #expect(table.rows.count == 4)
        let first = try #require(table.rows[0].cells[0])
        #expect(first.done == 2 && first.metrics["accuracy"]?.mean == 0.05)
        let last = try #require(table.rows[3].cells[0])
        #expect(last.done == 1 && last.failed == 1)
        let fromRecords = try ResultTable(records: try journal.records(), options: TableOptions(title: "cmd"))
        #expect(fromRecords == table)
        #expect(table.render(.markdown).contains("accuracy"))
    }

    @Test("an unknown metric is an error listing the recorded ones, for command and core sweeps")
    func unknownMetric() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try filledJournal(run)
        #expect(throws: ReportError.unknownMetric(option: "metrics", name: "acc", allowed: ["accuracy", "val_loss"])) {
            try ResultTable(journal: journal, options: TableOptions(title: "cmd", metrics: ["accuracy", "acc"]))
        }
        #expect(throws: ReportError.unknownMetric(option: "metrics", name: "acc", allowed: ["accuracy", "val_loss"])) {
            try ResultTable(records: try journal.records(), options: TableOptions(title: "cmd", metrics: ["acc"]))
        }
        #expect(ReportError.unknownMetric(option: "metrics", name: "acc", allowed: ["accuracy", "val_loss"]).description
            == "metrics: unknown metric 'acc'; the trials recorded: accuracy, val_loss")

        let core = TemporaryRunDirectory()
        defer { core.cleanUp() }
        let coreJournal = try core.open()
        try coreJournal.register(spec: "core", specText: "core", trials: makeJournalTrials(["a", "b"]))
        try coreJournal.record([.done(trialID: "a", result: makeJournalResult(1), attempts: 1, worker: "w")])
        #expect(throws: ReportError.unknownMetric(option: "metrics", name: "recovery_eror", allowed: ["sparsity", "train_loss"])) {
            try ResultTable(journal: coreJournal, options: TableOptions(title: "core", metrics: ["recovery_eror"]))
        }
        #expect(try ResultTable(journal: coreJournal, options: TableOptions(title: "core")).metrics == ["train_loss", "sparsity"])
    }

    @Test("a sweep plot defaults to the first varied field and the first reported metric; unknown names are errors")
    func sweepPlot() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let records = try filledJournal(run).records()
        let svg = try Plot.svg(records: records, options: PlotOptions(kind: .sweep, title: "cmd"))
        #expect(svg.contains("accuracy versus lr"))
        let byOptimizer = try Plot.svg(records: records, options: PlotOptions(kind: .sweep, title: "cmd", x: "optimizer", y: "val_loss"))
        #expect(byOptimizer.contains("val loss versus optimizer") && byOptimizer.contains(">adam<") && byOptimizer.contains(">sgd<"))
        #expect(throws: ReportError.unknownAxis(option: "x", name: "batch", allowed: ["lr", "optimizer"])) {
            try Plot.svg(records: records, options: PlotOptions(kind: .sweep, title: "cmd", x: "batch"))
        }
        #expect(throws: ReportError.unknownMetric(option: "y", name: "loss", allowed: ["accuracy", "val_loss"])) {
            try Plot.svg(records: records, options: PlotOptions(kind: .sweep, title: "cmd", y: "loss"))
        }
        #expect(throws: ReportError.unknownMetric(option: "kind pareto", name: "sparsity", allowed: ["accuracy", "val_loss"])) {
            try Plot.svg(records: records, options: PlotOptions(kind: .pareto, title: "cmd"))
        }
    }

    @Test("the report of a command sweep shows its metrics and each failed trial's log, escaped")
    func report() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let journal = try filledJournal(run)
        let metadata = ReportMetadata(sweep: try journal.sweep(), toolVersion: "test", machine: ReportMachine.current(),
                                      failureLogs: try journal.failureLogs())
        let html = try Report.html(records: try journal.records(), metadata: metadata)
        #expect(html.contains("<pre class=\"log\">loading &lt;data&gt; &amp; &quot;labels&quot;\nKeyError: 'x'</pre>"))
        #expect(html.contains("mirrorsweep logs RUN_DIR ef0107"))
        #expect(!html.contains("plot-pareto"))
        #expect(html.contains("plot-sweep") && html.contains("accuracy"))
    }

    @Test("the report shows the end of a long log")
    func reportLogTail() {
        let lines = (1...100).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let tail = ReportSections.tail(lines)
        #expect(tail.hasPrefix("line 61\n") && tail.hasSuffix("line 100"))
    }
}

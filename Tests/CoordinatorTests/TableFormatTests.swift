import Core
@testable import Reporting
@testable import SweepSpecs
import Testing

@Suite("Table formats: exact text of a small example")
struct TableFormatTests {
    private func table() throws -> ResultTable {
        try ResultTable(records: Fixture.records, options: Fixture.options)
    }

    @Test("Markdown")
    func markdown() throws {
        #expect(try table().render(.markdown) == """
            | weight_decay |   n | failed | diverged | recovery_error |      sparsity | pareto |
            | ------------ | --: | -----: | -------: | -------------: | ------------: | ------ |
            | 0            |   2 |      0 |        0 |    2.00 ± 1.41 | 0.200 ± 0.141 |        |
            | 0.05         |   2 |      0 |        1 |          0.500 |         0.900 | ★      |
            | 0.1          |   1 |      1 |        0 |          0.400 |         0.500 | ★      |

            """)
    }

    @Test("CSV")
    func csv() throws {
        #expect(try table().render(.csv) == """
            weight_decay,n,failed,diverged,recovery_error_mean,recovery_error_std,sparsity_mean,sparsity_std,pareto\r
            0,2,0,0,2.0,1.4142135623730951,0.2,0.1414213562373095,false\r
            0.05,2,0,1,0.5,,0.9,,true\r
            0.1,1,1,0,0.4,,0.5,,true\r

            """)
    }

    @Test("CSV quotes fields holding commas and quotes")
    func csvQuoting() throws {
        func record(_ index: Int, _ schedule: String) -> TrialRecord {
            TrialRecord(spec: TrialSpec(id: "\(index)", index: index, config: TrialConfig(), seed: 0,
                                        axes: [AxisValue(name: "schedule", value: schedule)]),
                        outcome: nil)
        }
        let table = try ResultTable(records: [record(0, "step:10,20:0.5"), record(1, "a\"b")],
                                    options: TableOptions(title: "q", metrics: []))
        #expect(table.render(.csv) == "schedule,n,failed,diverged,pareto\r\n\"step:10,20:0.5\",0,0,0,false\r\n\"a\"\"b\",0,0,0,false\r\n")
    }

    @Test("LaTeX")
    func latex() throws {
        #expect(try table().render(.latex) == #"""
            \begin{table}[t]
            \centering
            \caption{Generalization versus sparsity, sweep \texttt{tiny\_sweep} (2 seeds; mean $\pm$ sample standard deviation; $\star$: Pareto front).}
            \label{tab:tiny_sweep}
            \begin{tabular}{clrrrrr}
            \toprule
             & weight\_decay & $n$ & failed & diverged & recovery\_error & sparsity \\
            \midrule
             & 0 & 2 & 0 & 0 & $2.00 \pm 1.41$ & $0.200 \pm 0.141$ \\
            $\star$ & 0.05 & 2 & 0 & 1 & $0.500$ & $\mathbf{0.900}$ \\
            $\star$ & 0.1 & 1 & 1 & 0 & $\mathbf{0.400}$ & $0.500$ \\
            \bottomrule
            \end{tabular}
            \end{table}

            """#)
    }

    @Test("mean and deviation share their decimal place in Markdown, as in LaTeX and HTML", arguments: [
        ([0.95, 0.95 + 2e-16, 0.95 - 1e-16], "0.950 ± 0.000"),
        ([1.0, 1.5, 2.28], "1.59 ± 0.65"),
        ([98, 98, 100], "98.7 ± 1.2"),
        ([1.0e-30, 1.7e-30], "(1.35 ± 0.49)e-30"),
        ([12000, 12400], "(1.22 ± 0.03)e4"),
        ([0.5], "0.500"),
    ])
    func markdownNumbers(values: [Double], text: String) {
        #expect(ResultTable.markdownCell(MetricSummary(values)) == text)
    }

    @Test("the best mean is chosen per direction, never among means that are zero to machine precision")
    func best() throws {
        func record(_ index: Int, _ wd: String, _ loss: Double, _ accuracy: Double) -> TrialRecord {
            Fixture.record(index, wd, seed: 0, Fixture.done(["train_loss": loss, "accuracy": accuracy, "train_accuracy": 1]))
        }
        let table = try ResultTable(records: [record(0, "0", 1.3e-30, 0.91), record(1, "0.01", 2e-31, 0.95), record(2, "0.05", 0.02, 0.93)],
                                    options: TableOptions(title: "t", metrics: ["train_loss", "accuracy", "train_accuracy"]))
        #expect(table.bestMeans() == [0: ["accuracy": 0.95]])
        let latex = table.render(.latex)
        #expect(latex.contains(#"$\mathbf{0.950}$"#) && !latex.contains(#"\mathbf{1"#) && !latex.contains(#"\mathbf{2"#))
        #expect(Markup.count("<b>", in: table.html()) == 1)
        let one = try ResultTable(records: [record(0, "0", 1.3e-30, 0.91), record(2, "0.05", 0.02, 0.93)],
                                  options: TableOptions(title: "t", metrics: ["train_loss"]))
        #expect(one.bestMeans().isEmpty)
    }

    @Test("LaTeX escapes special characters")
    func latexEscape() {
        #expect(ResultTable.escape(##"a_b&c%d$e#f{g}h~i^j\k"##) == ##"a\_b\&c\%d\$e\#f\{g\}h\textasciitilde{}i\textasciicircum{}j\textbackslash{}k"##)
    }

    @Test("JSON axis values are typed: numbers, booleans, lists and null as their text spells them, the rest strings")
    func typedAxisValues() {
        #expect(ResultTable.typed("1e-4") == .double(1e-4))
        #expect(ResultTable.typed("3") == .int(3))
        #expect(ResultTable.typed("true") == .bool(true))
        #expect(ResultTable.typed("[1, 2]") == .array([.int(1), .int(2)]))
        #expect(ResultTable.typed("null") == .null)
        #expect(ResultTable.typed("off-at:200") == .string("off-at:200"))
        #expect(ResultTable.typed("mask-weight") == .string("mask-weight"))
        #expect(ResultTable.typed("{\"a\": 1}") == .string("{\"a\": 1}"))
    }

    @Test("JSON")
    func json() throws {
        #expect(try table().render(.json) == """
            [
              {
                "diverged": 0,
                "failed": 0,
                "n": 2,
                "pareto": false,
                "recovery_error_mean": 2.0,
                "recovery_error_std": 1.4142135623730951,
                "sparsity_mean": 0.2,
                "sparsity_std": 0.1414213562373095,
                "weight_decay": 0
              },
              {
                "diverged": 1,
                "failed": 0,
                "n": 2,
                "pareto": true,
                "recovery_error_mean": 0.5,
                "recovery_error_std": null,
                "sparsity_mean": 0.9,
                "sparsity_std": null,
                "weight_decay": 0.05
              },
              {
                "diverged": 0,
                "failed": 1,
                "n": 1,
                "pareto": true,
                "recovery_error_mean": 0.4,
                "recovery_error_std": null,
                "sparsity_mean": 0.5,
                "sparsity_std": null,
                "weight_decay": 0.1
              }
            ]

            """)
    }

    @Test("default metrics no trial recorded are left out, and wall time never appears", arguments: TableFormat.allCases)
    func missingMetrics(format: TableFormat) throws {
        let text = try ResultTable(records: Fixture.records, options: TableOptions(title: "m")).render(format)
        #expect(!text.contains("wall"))
        #expect(!text.contains("test_mse") && !text.contains(#"test\_mse"#))
        #expect(text.contains("recovery"))
    }
}

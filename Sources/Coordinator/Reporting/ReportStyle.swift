/// The report's inline style sheet: system fonts only, print-friendly.
enum ReportStyle {
    static let css = """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #1a1a1a;
               max-width: 1200px; margin: 2em auto; padding: 0 1.5em; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { font-size: 1.25em; border-bottom: 1px solid #cccccc; padding-bottom: 0.2em; margin-top: 2em; }
        h3 { font-size: 1.05em; }
        code, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; }
        .summary, .note { color: #444444; }
        figure.figure { margin: 1.5em 0; }
        figure.figure svg { width: 100%; height: auto; }
        figcaption { font-size: 0.9em; color: #333333; }
        table { border-collapse: collapse; font-size: 0.82em; }
        div.table-wrap { overflow-x: auto; }
        table.results th, table.results td { padding: 0.25em 0.5em; border-bottom: 1px solid #e3e3e3; white-space: nowrap; }
        table.results thead th { border-top: 2px solid #333333; border-bottom: 1px solid #333333; text-align: left; vertical-align: bottom; }
        table.results tbody tr:last-child td { border-bottom: 2px solid #333333; }
        table.results td.num, table.results th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.results tr.pareto { background: #fff6d9; }
        table.results td.mark { text-align: center; }
        table.meta th { text-align: left; padding: 0.2em 1em 0.2em 0; font-weight: normal; color: #555555; vertical-align: top; }
        table.meta td { padding: 0.2em 0; }
        pre.spec, pre.log { background: #f6f6f6; border: 1px solid #dddddd; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
        ul.failures li { margin-bottom: 0.3em; }
        @media print { body { max-width: none; } figure.figure { break-inside: avoid; } }
        """
}

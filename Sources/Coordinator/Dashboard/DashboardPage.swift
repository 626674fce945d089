import Reporting

/// The dashboard's page, `GET /`: self-contained (inline style and script, nothing from the
/// network); its script polls `/api/status` every ``pollMilliseconds`` and re-renders.
package enum DashboardPage {
    /// How often the page polls.
    package static let pollMilliseconds = 2000

    /// The page's HTML.
    package static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>MirrorSweep dashboard</title>
        <style>
        \(LiveReport.css)
        .dash-bar { width: 100%; height: 1.2em; }
        .dash-figures { display: flex; flex-wrap: wrap; gap: 0.5em 2em; margin: 0.5em 0; }
        .dash-figures div b { display: block; font-size: 1.3em; }
        .dash-state-off { color: #b00; }
        .dash-workers th, .dash-workers td { padding: 0.2em 1.2em 0.2em 0; text-align: left; }
        </style>
        </head>
        <body>
        <h1>Sweep <code id="sweep">…</code></h1>
        <p id="state" class="summary">Waiting for the first snapshot…</p>
        <progress id="progress" class="dash-bar" max="1" value="0"></progress>
        <p id="progress-text"></p>
        <div class="dash-figures">
        <div>ETA<b id="eta">—</b></div>
        <div>Trials/s (run)<b id="rate">—</b></div>
        <div>Trials/s (now)<b id="recent-rate">—</b></div>
        <div>Workers connected<b id="workers-connected">—</b></div>
        <div>Elapsed<b id="elapsed">—</b></div>
        <div>Last commit<b id="commit">—</b></div>
        </div>
        <h2>Workers</h2>
        <table class="dash-workers" id="workers"><thead><tr><th>Worker</th><th>Host</th><th>PID</th><th>Trials reported</th>
        <th>Last hello</th></tr></thead><tbody></tbody></table>
        <h2>Failures</h2>
        <div id="failures"><p class="note">No trial failed.</p></div>
        <h2>Pareto plot</h2>
        <figure class="figure" id="pareto"><p class="note">No sparsity recorded.</p></figure>
        <h2>Results table (recorded so far)</h2>
        <div class="table-wrap" id="table"></div>
        <script>
        "use strict";
        const $ = (id) => document.getElementById(id);
        function duration(s) {
          if (s === undefined || s === null || !isFinite(s)) return "—";
          s = Math.round(s);
          const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
          return h > 0 ? h + " h " + m + " min" : m > 0 ? m + " min " + r + " s" : r + " s";
        }
        function rate(x) { return x === undefined || x === null ? "—" : x.toFixed(1); }
        function cell(row, text) { const td = document.createElement("td"); td.textContent = text; row.appendChild(td); }
        function render(s) {
          $("sweep").textContent = s.sweep;
          const recorded = s.done + s.failed;
          $("state").textContent = s.coordinator_alive ? "Coordinator serving." : "No coordinator serving now.";
          $("state").className = s.coordinator_alive ? "summary" : "summary dash-state-off";
          $("progress").max = Math.max(s.total, 1);
          $("progress").value = recorded;
          $("progress-text").textContent = recorded + " of " + s.total + " trials recorded (" + s.done + " done, "
            + s.failed + " failed), " + s.running + " running, " + s.pending + " pending";
          $("eta").textContent = duration(s.eta_seconds);
          $("rate").textContent = rate(s.trials_per_second);
          $("recent-rate").textContent = rate(s.recent_trials_per_second);
          $("workers-connected").textContent = s.workers_connected;
          $("elapsed").textContent = duration(s.elapsed_seconds);
          $("commit").textContent = s.commit_seconds === undefined ? "—" : (s.commit_seconds * 1000).toFixed(2) + " ms";
          const body = $("workers").tBodies[0];
          body.replaceChildren();
          for (const w of s.workers) {
            const row = document.createElement("tr");
            row.className = "worker";
            cell(row, w.id); cell(row, w.host ?? "?"); cell(row, w.pid ?? "?"); cell(row, w.trials_reported);
            cell(row, new Date(w.last_seen * 1000).toLocaleTimeString());
            body.appendChild(row);
          }
          const failures = $("failures");
          if (s.failures.length > 0) {
            const list = document.createElement("ul");
            list.className = "failures";
            for (const f of s.failures) {
              const item = document.createElement("li");
              item.className = "failure";
              const where = document.createElement("code");
              where.textContent = f.axes + ", seed " + f.seed;
              item.append(where, " (" + f.attempts + " attempt" + (f.attempts === 1 ? "" : "s") + "): " + f.message);
              if (f.log !== undefined) {
                const pre = document.createElement("pre");
                pre.className = "log";
                pre.textContent = f.log;
                item.appendChild(pre);
              }
              list.appendChild(item);
            }
            failures.replaceChildren(list);
          }
          if (s.pareto_svg !== undefined) $("pareto").innerHTML = s.pareto_svg;
          $("table").innerHTML = s.table_html;
        }
        async function refresh() {
          try {
            const response = await fetch("api/status", { cache: "no-store" });
            if (!response.ok) throw new Error(response.status + " " + (await response.text()));
            render(await response.json());
          } catch (error) {
            $("state").textContent = "Cannot reach the coordinator: " + error.message;
            $("state").className = "summary dash-state-off";
          }
        }
        refresh();
        setInterval(refresh, \(pollMilliseconds));
        </script>
        </body>
        </html>

        """
}

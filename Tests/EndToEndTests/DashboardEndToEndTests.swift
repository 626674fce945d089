import Foundation
import Testing

/// `run --dashboard`: the page, `/api/status` and `/metrics` of a real command sweep while it
/// runs, fetched with curl and rendered by headless Chromium.
@Suite("Dashboard of a running sweep: JSON, Prometheus metrics, the page in Chromium", .serialized)
struct DashboardEndToEndTests {
    /// Three command trials: `code` 0 reports metrics, 3 fails with a message on stderr (once:
    /// the tests give `--max-attempts 1`), 9 runs until stopped, so the coordinator keeps serving
    /// while the test looks.
    static let spec = #"""
        name: dashboard
        command: ["sh", "-c", "case {code} in 0) echo '{{\"metrics\": {{\"error\": 0.25, \"sparsity\": 0.5}}}}';; 3) echo boom on purpose >&2; exit 3;; *) sleep 300;; esac"]
        timeout: 200s
        grid:
          code: [0, 3, 9]
        """#

    /// The body of `url`, fetched with curl; nil when nothing answers.
    static func fetch(_ url: String) throws -> String? {
        let output = try HostCommand.execute(try #require(HostCommand.find("curl")), ["-sS", "--max-time", "10", "--fail", url])
        return output.succeeded ? output.stdout : nil
    }

    /// `/api/status` decoded.
    static func status(_ base: String) throws -> [String: Any]? {
        try fetch(base + "api/status").flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Starts `run` with `--dashboard 127.0.0.1:0` and returns it with the page's URL.
    static func start(_ fixture: SweepFixture) throws -> (LaunchedProcess, String) {
        let process = try MirrorSweepBinary.start([
            "run", fixture.specPath, "--workers", "2", "--max-attempts", "1", "--run-dir", fixture.runDirectory("run"),
            "--dashboard", "127.0.0.1:0",
        ])
        #expect(process.waitForOutput(containing: "dashboard at ", timeout: .seconds(60)), "no dashboard: \(process.stderrSoFar)")
        let line = try #require(process.stderrSoFar.split(separator: "\n").first { $0.hasPrefix("dashboard at ") })
        let url = String(line.dropFirst("dashboard at ".count))
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/") && !url.hasSuffix(":0/"), "\(url)")
        return (process, url)
    }

    /// Waits until the sweep has its done and failed trial recorded and the third running.
    static func waitForSettled(_ url: String) throws -> [String: Any] {
        var latest: [String: Any] = [:]
        let settled = try SweepFixture.waitUntil(timeout: .seconds(120)) {
            latest = try status(url) ?? [:]
            return latest["done"] as? Int == 1 && latest["failed"] as? Int == 1 && latest["running"] as? Int == 1
        }
        #expect(settled, "the dashboard never showed 1 done, 1 failed, 1 running: \(latest)")
        return latest
    }

    @Test("/api/status and /metrics of a running sweep: progress, workers and their host, the failure with its log, the table")
    func jsonAndMetrics() throws {
        let fixture = try SweepFixture(name: "dashboard", yaml: Self.spec)
        let (run, url) = try Self.start(fixture)
        let status = try Self.waitForSettled(url)
        #expect(status["sweep"] as? String == "dashboard" && status["total"] as? Int == 3 && status["pending"] as? Int == 0)
        #expect(status["coordinator_alive"] as? Bool == true && status["workers_connected"] as? Int == 2)
        let workers = try #require(status["workers"] as? [[String: Any]])
        #expect(workers.count == 2)
        #expect(workers.allSatisfy { $0["host"] as? String == ProcessInfo.processInfo.hostName && $0["pid"] is Int })
        let failure = try #require((status["failures"] as? [[String: Any]])?.first)
        #expect((failure["message"] as? String)?.contains("exited with status 3") == true, "\(failure)")
        #expect((failure["log"] as? String)?.contains("boom on purpose") == true, "\(failure)")
        #expect(failure["axes"] as? String == "code=3" && failure["attempts"] as? Int == 1)
        #expect((status["table_html"] as? String)?.contains("<table class=\"results\">") == true)

        let text = try #require(try Self.fetch(url + "metrics"))
        let samples = try PrometheusText.samples(text)
        #expect(samples["mirrorsweep_trials{state=\"done\"}"] == 1)
        #expect(samples["mirrorsweep_trials{state=\"failed\"}"] == 1)
        #expect(samples["mirrorsweep_trials{state=\"pending\"}"] == 0)
        #expect(samples["mirrorsweep_workers_seen"] == 2 && samples["mirrorsweep_coordinator_up"] == 1)
        let commitLatency = samples["mirrorsweep_commit_latency_seconds"] ?? 0
        #expect((samples["mirrorsweep_result_rate"] ?? 0) > 0 && commitLatency > 0, "no result rate or commit latency: \(text)")

        #expect(try HostCommand.execute("/bin/sh", ["-c", "curl -s -o /dev/null -w '%{http_code}' -X POST \(url)api/status"]).stdout
            != "200", "the dashboard is read-only")
        run.send(SIGINT)
        let ended = try run.wait(timeout: .seconds(60))
        #expect(ended.status == 130, "\(ended.stderr)")
        #expect(try Self.fetch(url + "api/status") == nil, "the dashboard outlived the coordinator")
    }

    @Test("headless Chromium renders the live page: progress, workers, the failure and its log, the results table",
          .enabled(if: HostCommand.find("chromium") != nil, "chromium is not installed"))
    func page() throws {
        let chromium = try #require(HostCommand.find("chromium"), "chromium is not installed")
        let fixture = try SweepFixture(name: "dashboard", yaml: Self.spec)
        let (run, url) = try Self.start(fixture)
        _ = try Self.waitForSettled(url)
        let profile = fixture.directory.appendingPathComponent("chromium").path
        let rendered = try HostCommand.execute(chromium, [
            "--headless", "--disable-gpu", "--no-sandbox", "--user-data-dir=\(profile)", "--virtual-time-budget=10000",
            "--dump-dom", url,
        ])
        #expect(rendered.succeeded, "\(rendered.stderr)")
        let dom = rendered.stdout
        #expect(dom.contains("<code id=\"sweep\">dashboard</code>"), "\(dom)")
        #expect(dom.contains("2 of 3 trials recorded (1 done, 1 failed), 1 running, 0 pending"), "\(dom)")
        #expect(dom.contains("<table class=\"results\">"))
        #expect(dom.components(separatedBy: "<tr class=\"worker\">").count - 1 == 2)
        #expect(dom.contains("class=\"failure\"") && dom.contains("boom on purpose"))
        #expect(dom.contains("<p id=\"state\" class=\"summary\">Coordinator serving.</p>"), "\(dom)")
        run.send(SIGINT)
        _ = try run.wait(timeout: .seconds(60))
    }

    @Test("bad --dashboard values are refused, naming the form allowed")
    func badAddress() throws {
        let fixture = try SweepFixture(name: "dashboard", yaml: Self.spec)
        for bad in ["http://localhost:8080", "99999", "host:"] {
            let output = try MirrorSweepBinary.run(["serve", fixture.specPath, "--dashboard", bad, "--run-dir", fixture.runDirectory("bad")])
            #expect(output.status == 2, "\(bad): \(output.stderr)")
            #expect(output.stderr.contains("expected [ADDRESS:]PORT with PORT 0…65535"), "\(bad): \(output.stderr)")
        }
    }
}

import Foundation
import Testing

/// `mirrorsweep plan --list`: one line per trial, in grid order; with `--prepare`, with its state.
@Suite("mirrorsweep plan --list")
struct PlanListTests {
    /// The lines after the summary: those that start with 12 hex digits.
    static func trialLines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").map(String.init).filter { line in
            line.count > 12 && line.prefix(12).allSatisfy(\.isHexDigit) && line.dropFirst(12).hasPrefix("  seed ")
        }
    }

    @Test("a core sweep: short id, seed and axis values of every trial, in the journal's grid order")
    func coreSweep() throws {
        let fixture = try SweepFixture(name: "listed", yaml: """
            name: listed
            base: {problem: noop}
            grid:
              steps: [1, 20]
              learning_rate: [0.5]
            seeds: 2
            """)
        let plain = try MirrorSweepBinary.run(["plan", fixture.specPath, "--list"], timeout: .seconds(30))
        #expect(plain.succeeded, "plan --list failed: \(plain.stderr)")
        #expect(plain.stdout.contains("trials    4"))
        let lines = Self.trialLines(plain.stdout)
        #expect(lines.count == 4, "\(plain.stdout)")
        let texts = lines.map { String($0.dropFirst(12)) }
        #expect(Set(texts) == [
            "  seed 0  steps=1 learning_rate=0.5", "  seed 1  steps=1 learning_rate=0.5",
            "  seed 0  steps=20 learning_rate=0.5", "  seed 1  steps=20 learning_rate=0.5",
        ], "\(plain.stdout)")

        let dir = fixture.runDirectory("run")
        let prepared = try MirrorSweepBinary.run(["plan", fixture.specPath, "--prepare", "--run-dir", dir, "--list"], timeout: .seconds(30))
        #expect(prepared.succeeded, "plan --prepare --list failed: \(prepared.stderr)")
        let preparedLines = Self.trialLines(prepared.stdout)
        #expect(preparedLines.allSatisfy { $0.hasSuffix("  pending") }, "\(prepared.stdout)")
        #expect(preparedLines.map { $0.dropLast("pending".count).trimmingCharacters(in: .whitespaces) } == lines, "\(prepared.stdout)")
        let ids = try CommandSweepEndToEndTests.trialIDs(dir)
        #expect(lines.map { String($0.prefix(12)) } == ids.map { String($0.prefix(12)) }, "not in grid order")
    }

    @Test("a command sweep: each trial's substituted command; after a run, --prepare shows done and failed")
    func commandSweep() throws {
        let fixture = try SweepFixture(name: "codes", yaml: #"""
            name: codes
            command: ["sh", "-c", "echo '{{\"metrics\": {{\"m\": 1}}}}'; exit {code}", "{seed}"]
            grid:
              code: [0, 3]
            """#)
        func argv(_ code: Int) -> String { #"$ sh -c 'echo '\''{"metrics": {"m": 1}}'\''; exit "# + "\(code)' 0" }
        let plain = try MirrorSweepBinary.run(["plan", fixture.specPath, "--list"], timeout: .seconds(30))
        #expect(plain.succeeded, "plan --list failed: \(plain.stderr)")
        let lines = Self.trialLines(plain.stdout)
        #expect(lines.map { String($0.dropFirst(12)) } == ["  seed 0  code=0  " + argv(0), "  seed 0  code=3  " + argv(3)], "\(plain.stdout)")

        let dir = fixture.runDirectory("run")
        let run = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--workers", "1", "--max-attempts", "1", "--run-dir", dir, "--no-table"], timeout: .seconds(120))
        #expect(run.status == 3, "the failing trial was not recorded as failed: \(run.stderr)")
        let prepared = try MirrorSweepBinary.run(["plan", fixture.specPath, "--prepare", "--run-dir", dir, "--list"], timeout: .seconds(30))
        #expect(prepared.succeeded, "plan --prepare --list failed: \(prepared.stderr)")
        #expect(Self.trialLines(prepared.stdout).map { String($0.dropFirst(12)) } == [
            "  seed 0  code=0  " + "done".padding(toLength: "failed after 1 attempt".count, withPad: " ", startingAt: 0) + "  " + argv(0),
            "  seed 0  code=3  failed after 1 attempt  " + argv(3),
        ], "\(prepared.stdout)")
    }
}

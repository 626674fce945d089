import Core
import Foundation
@testable import Journaling
import Logging
@testable import Serving
@testable import SweepSpecs
import Testing

/// The ids of command trials, and command sweeps in a journal.
@Suite("Command sweep identity")
struct CommandSpecIdentityTests {
    private func trials(_ yaml: String, file: String = "c.yaml") throws -> [TrialSpec] {
        try SweepSpec.parse(yaml: yaml, file: file).expand()
    }

    /// Computed independently with Python:
    /// `hashlib.sha256(text.encode()).hexdigest()` of the text below, `\n` being one newline.
    @Test("a published id: SHA-256 of the canonical JSON of command and fields, then \\nseed=N")
    func pinnedID() throws {
        let text = #"{"command":["python3","train.py","--wd","{weight_decay}"],"fields":{"augment":true,"epochs":30,"schedule":"off-at:20","weight_decay":0.0001,"widths":[64,32]}}"#
            + "\nseed=3"
        let id = "4b0231ec31d660adde1048a12b51f2f9c9d222c423d0fd2aaa59e398ac69fb40"
        let trial = try #require(try trials("""
            command: ["python3", "train.py", "--wd", "{weight_decay}"]
            timeout: 1h
            working_directory: .
            base: {widths: [64, 32], schedule: "off-at:20", epochs: 30, augment: true}
            grid: {weight_decay: [1e-4]}
            seeds: [3]
            """).first)
        let command = try #require(trial.work.commandTrial)
        #expect(String(decoding: command.identityJSON, as: UTF8.self) + "\nseed=3" == text)
        #expect(trial.id == id)
        #expect(TrialIdentity.id(command: command, seed: 3) == id)
    }

    @Test("equal fields written differently give equal ids; the form of the command does not matter")
    func equalFieldsEqualIDs() throws {
        let a = try trials("""
            command: ["run", "{lr}", "{name}"]
            base: {lr: 1e-4, name: x, flags: [1, 2.0]}
            seeds: 2
            """)
        let b = try trials("""
            command: run {lr} {name}
            base:
              flags: [1.0, 2]
              name: 'x'
              lr: 0.0001
            seeds: 2
            """)
        let c = try trials("""
            command: [run, "{lr}", "{name}"]
            base: {name: "x", flags: [1, 2]}
            grid: {lr: [.0001]}
            seeds: [0, 1]
            """)
        #expect(a.map(\.id) == b.map(\.id))
        #expect(a.map(\.id) == c.map(\.id))
        #expect(a.map(\.id) == a.map { TrialIdentity.id(command: $0.work.commandTrial ?? CommandTrial(command: [], fields: []), seed: $0.seed) })
        #expect(a[0].id != a[1].id)
        let other = try trials("command: [\"run\", \"{lr}\", \"{name}\"]\nbase: {lr: 1e-4, name: \"1\", flags: [1, 2]}")
        #expect(other[0].id != a[0].id)
        let quoted = try trials("command: [\"run\", \"{lr}\", \"{name}\"]\nbase: {lr: '1e-4', name: x, flags: [1, 2]}")
        #expect(quoted[0].id != a[0].id)
    }

    @Test("working_directory and timeout are not part of the id; the command template is")
    func runSettingsKeepIDs() throws {
        let plain = try trials("command: [run, '{a}']\ngrid: {a: [1, 2]}")
        let settled = try trials("command: [run, '{a}']\ntimeout: 30m\nworking_directory: /\ngrid: {a: [1, 2]}")
        #expect(plain.map(\.id) == settled.map(\.id))
        #expect(settled[0].work.commandTrial?.timeout == 1800 && settled[0].work.commandTrial?.workingDirectory == "/")
        let changed = try trials("command: [run, '--a={a}']\ngrid: {a: [1, 2]}")
        #expect(Set(changed.map(\.id)).isDisjoint(with: plain.map(\.id)))
    }

    @Test("the seeds of a grid point share one command trial")
    func seedsShareWork() throws {
        let all = try trials("command: [run, '{a}']\ngrid: {a: [1, 2]}\nseeds: 3")
        #expect(all.map(\.seed) == [0, 1, 2, 0, 1, 2])
        #expect(all[0].work == all[2].work && all[0].work != all[3].work)
        #expect(Set(all.map(\.id)).count == 6)
    }

    @Test("adding values to an axis, or seeds, keeps every earlier trial's id")
    func extensionKeepsIDs() throws {
        let before = try trials("command: [run, '{wd}', '{depth}']\ngrid: {wd: [0, 1e-4], depth: [2]}\nseeds: 2")
        let after = try trials("command: [run, '{wd}', '{depth}']\ngrid: {wd: [0, 1e-4, 5e-4], depth: [2, 3]}\nseeds: 3")
        #expect(before.count == 4 && after.count == 18)
        #expect(Set(before.map(\.id)).isSubset(of: after.map(\.id)))
    }

    @Test("a command sweep registers in a journal and reads back as equal trials")
    func journalRoundTrip() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        let yaml = """
            command: python3 train.py --wd {wd} --name '{name}' --seed {seed}
            timeout: 90s
            working_directory: /
            base: {epochs: 30, name: "a b", flags: [true, null, [1.5, "x"]], big: 123456789012345678901234567890}
            grid: {wd: [0, 1e-4, 5e-4]}
            zip: [{depth: [2, 3], width: [64, 128]}]
            seeds: [1, 7]
            """
        let trials = try self.trials(yaml)
        #expect(trials.count == 12)
        let journal = try run.open()
        let counts = try journal.register(spec: "cmd", specText: yaml, trials: trials, gridAxes: ["wd", "depth", "width"])
        #expect(counts.added == 12 && counts.existing == 0)
        let pending = try journal.pendingTrials()
        #expect(pending == trials)
        #expect(pending.map(\.work.commandTrial?.timeout) == trials.map { _ in 90 })
        #expect(pending.map(\.axes) == trials.map(\.axes))

        try journal.record([.done(trialID: trials[0].id, result: makeJournalResult(1), attempts: 1, worker: "w1")])
        let extended = try self.trials(yaml.replacingOccurrences(of: "[0, 1e-4, 5e-4]", with: "[0, 0.0001, 5e-4, 1e-3]")
                                           .replacingOccurrences(of: "timeout: 90s", with: "timeout: 2h"))
        let again = try journal.register(spec: "cmd", specText: yaml + "\n# extended", trials: extended)
        #expect(again.added == 4 && again.existing == 12)
        let pendingAfter = try journal.pendingTrials()
        #expect(pendingAfter.map(\.id) == extended.dropFirst().map(\.id))
        #expect(pendingAfter.last?.work.commandTrial?.timeout == 7200)
        #expect(pendingAfter.allSatisfy { $0.work.commandTrial?.timeout == 7200 }, "a changed timeout reaches the trials already registered")
    }

    @Test("preparing a command sweep's run directory creates a journal that serves its trials")
    func preparedSweep() throws {
        let run = TemporaryRunDirectory()
        defer { run.cleanUp() }
        try FileManager.default.createDirectory(atPath: run.path, withIntermediateDirectories: true)
        let specPath = (run.path as NSString).appendingPathComponent("cmd.yaml")
        try """
            command: [sh, -c, 'echo {x}']
            working_directory: .
            grid: {x: [1, "two", 3.5]}
            seeds: 2
            """.write(toFile: specPath, atomically: true, encoding: .utf8)
        let directory = (run.path as NSString).appendingPathComponent("runs")
        let prepared = try PreparedSweep.prepare(
            specPath: specPath, runDirectory: directory, toolVersion: "test", command: "test",
            logger: Logger(label: "command-spec-tests"))
        let trials = try SweepSpec.load(path: specPath).expand()
        #expect(prepared.added == 6 && prepared.pending == trials)
        #expect(try prepared.journal.pendingTrials() == trials)
        #expect(trials[0].work.commandTrial?.workingDirectory == URL(fileURLWithPath: run.path).standardizedFileURL.path)
        try prepared.journal.close()
    }
}

import Core
import Foundation
@testable import JSON
@testable import SweepSpecs
import Testing

/// Specs with `command`: the two forms of the command, their fields, placeholders and run settings.
@Suite("Command sweep specs")
struct CommandSpecParsingTests {
    /// The error that parsing and expanding `yaml` throws, or nil.
    private func error(_ yaml: String, file: String = "c.yaml") -> SpecError? {
        do {
            _ = try SweepSpec.parse(yaml: yaml, file: file).expand()
            return nil
        } catch {
            return error
        }
    }

    /// The first trial's command trial of `yaml`.
    private func firstCommand(_ yaml: String) throws -> CommandTrial {
        try #require(try SweepSpec.parse(yaml: yaml, file: "c.yaml").expand().first?.work.commandTrial)
    }

    @Test("the issue's example: a list command, base, grid and seeds give command trials")
    func issueExample() throws {
        let spec = try SweepSpec.parse(yaml: """
            name: resnet-wd
            command: ["python3", "train.py", "--epochs", "{epochs}", "--wd", "{weight_decay}"]
            working_directory: .
            timeout: 2h
            base: {epochs: 30, schedule: "off-at:20"}
            grid:
              weight_decay: [0, 1e-4, 5e-4]
              depth: [2, 3]
            seeds: 5
            """, file: "resnet.yaml")
        #expect(spec.command == ["python3", "train.py", "--epochs", "{epochs}", "--wd", "{weight_decay}"])
        #expect(spec.axisNames == ["weight_decay", "depth"])
        #expect(spec.pointCount == 6 && spec.trialCount == 30)
        let trials = try spec.expand()
        #expect(trials.count == 30)
        #expect(trials.map(\.index) == Array(0..<30))
        #expect(trials.prefix(6).map(\.seed) == [0, 1, 2, 3, 4, 0])
        #expect(stride(from: 0, to: 30, by: 5).map { trials[$0].axes.map(\.value) } == [
            ["0", "2"], ["0", "3"], ["0.0001", "2"], ["0.0001", "3"], ["0.0005", "2"], ["0.0005", "3"],
        ])
        #expect(trials[0].axes.map(\.name) == ["weight_decay", "depth"])
        let command = try #require(trials[20].work.commandTrial)
        #expect(command.fields.map(\.name) == ["depth", "epochs", "schedule", "weight_decay"])
        #expect(command.field("epochs") == .int(30) && command.field("schedule") == .string("off-at:20"))
        #expect(command.field("weight_decay") == .double(5e-4) && command.field("depth") == .int(2))
        #expect(command.timeout == 7200)
        #expect(command.workingDirectory == FileManager.default.currentDirectoryPath)
        #expect(command.arguments(seed: trials[20].seed, trialID: trials[20].id)
            == ["python3", "train.py", "--epochs", "30", "--wd", "0.0005"])
        #expect(Set(trials.map(\.id)).count == 30)
    }

    @Test("one string is split into words as a shell splits them, and gives the list form's trials")
    func stringForm() throws {
        let list = try SweepSpec.parse(yaml: """
            command: ["python3", "my script.py", "--name", "it's {epochs}", "--empty", ""]
            grid: {epochs: [1, 2]}
            """, file: "c.yaml")
        let string = try SweepSpec.parse(yaml: """
            command: python3 'my script.py' --name "it's {epochs}" --empty ''
            grid: {epochs: [1, 2]}
            """, file: "c.yaml")
        #expect(string.command == list.command)
        #expect(try string.expand() == list.expand())
    }

    @Test("shell word splitting", arguments: [
        ("a  b\tc\n d", ["a", "b", "c", "d"]),
        (#"'a b' "c d""#, ["a b", "c d"]),
        (#"a'b'"c"d"#, ["abcd"]),
        (#"'' x """#, ["", "x", ""]),
        (#"a\ b \'c"#, ["a b", "'c"]),
        (#""a\"b\\c\d\$e""#, [#"a"b\c\d$e"#]),
        (#"'a\b' 'x"y'"#, [#"a\b"#, #"x"y"#]),
        (#"'x|y' "a;b" \> '$HOME' {a}"#, ["x|y", "a;b", ">", "$HOME", "{a}"]),
        ("  ", []),
    ])
    func shellWords(line: String, words: [String]) throws {
        let split = try CommandWords.split(line, path: "command") { SourceLocation(file: "c", line: 1, column: $0) }
        #expect(split.map(\.text) == words)
    }

    @Test("an unterminated quote is an error at the quote's line and column")
    func unterminatedQuote() throws {
        let yaml = """
            name: q
            command: 'python3 "train.py --x'
            """
        let error = try #require(self.error(yaml))
        guard case let .commandSyntax(at, path, reason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(at == SourceLocation(file: "c.yaml", line: 2, column: 19))
        #expect(path == "command" && reason.contains("unterminated \" quote"))
        #expect(error.description.hasPrefix("c.yaml:2:19: command: unterminated"))
        let single = try #require(self.error("command: python3 'train.py"))
        #expect(single.description.hasPrefix("c.yaml:1:18: command: unterminated ' quote"))
    }

    @Test("shell syntax outside quotes is refused, since no shell runs the command")
    func shellSyntax() throws {
        let error = try #require(self.error("command: python3 train.py > out.log"))
        #expect(error.description.hasPrefix("c.yaml:1:27: command: '>' is shell syntax"))
        #expect(try #require(self.error("command: a \\")).description.contains("ends with a backslash"))
    }

    @Test("bad command values", arguments: [
        ("command: []", "c.yaml:1:10: command: invalid value '[]'"),
        ("command: '  '", "c.yaml:1:10: command: invalid value '  '"),
        ("command: {a: 1}", "c.yaml:1:10: command: expected a non-empty list of strings"),
        ("command: [python3, [a]]", "c.yaml:1:20: command[1]: expected a string"),
        ("command: [python3, ~]", "c.yaml:1:20: command[1]: expected a string"),
        ("command: ['', x]", "c.yaml:1:11: command[0]: invalid value ''"),
    ])
    func badCommand(yaml: String, prefix: String) throws {
        let error = try #require(self.error(yaml))
        #expect(error.description.hasPrefix(prefix), "\(error)")
    }

    @Test("numbers and booleans in the list are taken as their text")
    func numbersInList() throws {
        let command = try firstCommand("command: [sleep, 1.50, 10, true]")
        #expect(command.command == ["sleep", "1.50", "10", "true"])
    }

    @Test("any identifier is a field; values are typed as YAML's core schema types plain scalars")
    func typing() throws {
        let command = try firstCommand("""
            command: [run]
            base:
              an_int: 30
              negative: -7
              underscores: 10_000
              huge: 123456789012345678901234567890
              small: 1e-4
              also_small: 5E-4
              half: .5
              integral_float: 2.0
              quoted: "1"
              single: '1e-4'
              word: off-at:20
              yes_is_text: yes
              flag: true
              off_flag: False
              nothing: ~
              also_nothing: null
              nested: [[1, 2.5], [a, "b"], []]
              depth: 3
              _private: x
            """)
        let expected: [String: JSONValue] = [
            "an_int": .int(30), "negative": .int(-7), "underscores": .int(10_000), "huge": .double(1.2345678901234568e29),
            "small": .double(1e-4), "also_small": .double(5e-4), "half": .double(0.5), "integral_float": .int(2),
            "quoted": .string("1"), "single": .string("1e-4"), "word": .string("off-at:20"), "yes_is_text": .string("yes"),
            "flag": .bool(true), "off_flag": .bool(false), "nothing": .null, "also_nothing": .null,
            "nested": .array([.array([.int(1), .double(2.5)]), .array([.string("a"), .string("b")]), .array([])]),
            "depth": .int(3), "_private": .string("x"),
        ]
        #expect(command.fields.map(\.name) == expected.keys.sorted())
        for field in command.fields {
            #expect(field.value == expected[field.name], "\(field.name)")
        }
        #expect(command.fields.first { $0.name == "nested" }?.text == #"[[1,2.5],["a","b"],[]]"#)
    }

    @Test("grid and zip take any fields; axis values are the fields' text")
    func gridAndZip() throws {
        let spec = try SweepSpec.parse(yaml: """
            command: "train --opt {optimizer} --lr {lr} --layers {layers}"
            base: {lr: 0.1}
            grid: {optimizer: [sgd, adam]}
            zip:
              - {lr: [0.01, 0.001], layers: [[64], [64, 64]]}
            """, file: "c.yaml")
        #expect(spec.axisNames == ["optimizer", "lr", "layers"])
        let trials = try spec.expand()
        #expect(trials.map { $0.axes.map(\.value) } == [
            ["sgd", "0.01", "[64]"], ["sgd", "0.001", "[64,64]"], ["adam", "0.01", "[64]"], ["adam", "0.001", "[64,64]"],
        ])
        let last = try #require(trials.last?.work.commandTrial)
        #expect(last.arguments(seed: 0, trialID: "t") == ["train", "--opt", "adam", "--lr", "0.001", "--layers", "[64,64]"])
    }

    @Test("spec rules of core sweeps hold for command sweeps", arguments: [
        ("command: [x]\nzip:\n  - {a: [1, 2], b: [1]}", "c.yaml:3:5: zip[0]: the axes of a zip group must have equal lengths (a has 2, b has 1)"),
        ("command: [x]\ngrid: {a: [1]}\nzip:\n  - {a: [2]}", "c.yaml:4:6: 'a' is already an axis at grid.a"),
        ("command: [x]\ngrid: {a: [1e-4, 0.0001]}", "c.yaml: grid points {a=0.0001} and {a=0.0001} give the same configuration"),
        ("command: [x]\ngrid: {a: []}", "c.yaml:2:11: grid.a: invalid value '[]'; allowed: a non-empty list of values"),
        ("command: [x]\ngrid: {a: 1}", "c.yaml:2:11: grid.a: expected a non-empty list of values, found '1'"),
        ("command: [x]\nseeds: [1, 1]", "c.yaml:2:12: seeds[1]: invalid value '1'; allowed: distinct seeds"),
        ("command: [x]\nbase: {opt: {lr: 1}}", "c.yaml:2:13: base.opt: expected a number, string, boolean, null or a list of them (mappings are not allowed"),
        ("command: [x]\ngrid: {a: [[1, {b: 2}]]}", "c.yaml:2:16: grid.a[0][1]: expected a number, string"),
    ])
    func specRules(yaml: String, prefix: String) throws {
        let error = try #require(self.error(yaml))
        #expect(error.description.hasPrefix(prefix), "\(error)")
    }

    @Test("field names must be identifiers other than seed and trial_id", arguments: [
        ("base: {seed: 1}", "c.yaml:2:8: base: invalid field name 'seed'"),
        ("grid: {trial_id: [1]}", "c.yaml:2:8: grid: invalid field name 'trial_id'"),
        ("base: {2x: 1}", "c.yaml:2:8: base: invalid field name '2x'"),
        ("zip:\n  - {a-b: [1]}", "c.yaml:3:6: zip[0]: invalid field name 'a-b'"),
        ("base: {é: 1}", "c.yaml:2:8: base: invalid field name 'é'"),
    ])
    func fieldNames(yaml: String, prefix: String) throws {
        let error = try #require(self.error("command: [x]\n" + yaml))
        #expect(error.description.hasPrefix(prefix), "\(error)")
        #expect(error.description.contains("[A-Za-z_][A-Za-z0-9_]*") && error.description.contains("seed and trial_id"))
    }

    @Test("an unknown placeholder is an error at its line and column, listing the allowed names", arguments: [
        (#"command: ["python3", "train.py", "--lr", "{lr}"]"#, 1, 43, "command[3]"),
        (#"command: python3 train.py "--lr={lr}""#, 1, 33, "command"),
        ("command:\n  - python3\n  - \"--x={lr}\"", 3, 10, "command[1]"),
        ("command: python3 train.py --lr {lr}", 1, 32, "command"),
        (#"command: "python3 'train.py' --x 'a {lr}'""#, 1, 37, "command"),
        ("command: [run, '{{literal}} {epochs} {nope']", 1, 38, "command[1]"),
    ])
    func unknownPlaceholder(command: String, line: Int, column: Int, path: String) throws {
        let error = try #require(self.error(command + "\nbase: {epochs: 1}\ngrid: {depth: [1, 2]}"))
        guard case let .unknownPlaceholder(at, errorPath, _, allowed) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(at == SourceLocation(file: "c.yaml", line: line, column: column), "\(error)")
        #expect(errorPath == path)
        #expect(allowed == ["depth", "epochs", "seed", "trial_id"])
    }

    @Test("the unknown placeholder message names it and what is allowed")
    func unknownPlaceholderMessage() throws {
        let error = try #require(self.error("command: [run, '{lr}']\nbase: {epochs: 1}"))
        #expect(error.description == "c.yaml:1:17: command[1]: unknown placeholder '{lr}'; allowed: {epochs}, {seed}, {trial_id}")
    }

    @Test("seed, trial_id, fields of base, grid and zip, and {{ }} are accepted placeholders")
    func knownPlaceholders() throws {
        let spec = try SweepSpec.parse(yaml: """
            command: ["run", "--seed={seed}", "--out=runs/{trial_id}", "{a}{b}{c}", "{{x}}"]
            base: {a: 1}
            grid: {b: [2]}
            zip: [{c: [3]}]
            seeds: [7]
            """, file: "c.yaml")
        let trial = try #require(try spec.expand().first)
        let command = try #require(trial.work.commandTrial)
        #expect(command.arguments(seed: trial.seed, trialID: trial.id) == ["run", "--seed=7", "--out=runs/\(trial.id)", "123", "{x}"])
    }

    @Test("working_directory is relative to the spec file, stored absolute and standardized")
    func workingDirectory() throws {
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("command-spec-\(UUID().uuidString)")
        let sweeps = (root as NSString).appendingPathComponent("sweeps")
        let work = (root as NSString).appendingPathComponent("work")
        try FileManager.default.createDirectory(atPath: sweeps, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = (sweeps as NSString).appendingPathComponent("s.yaml")
        func directory(_ value: String) throws -> String? {
            try SweepSpec.parse(yaml: "command: [x]\nworking_directory: \(value)", file: file).expand().first?.work.commandTrial?.workingDirectory
        }
        let standardRoot = URL(fileURLWithPath: root).standardizedFileURL.path
        #expect(try directory(".") == standardRoot + "/sweeps")
        #expect(try directory("../work") == standardRoot + "/work")
        #expect(try directory("./../sweeps/../work/") == standardRoot + "/work")
        #expect(try directory("'\(work)'") == standardRoot + "/work")
        #expect(try SweepSpec.parse(yaml: "command: [x]", file: file).expand().first?.work.commandTrial?.workingDirectory == nil)

        let missing = try #require(self.error("command: [x]\nworking_directory: ../absent", file: file))
        #expect(missing.description.hasPrefix("\(file):2:20: working_directory: invalid value '../absent'"))
        #expect(missing.description.contains("\(standardRoot)/absent is not a directory on this machine"))
        #expect(FileManager.default.createFile(atPath: (work as NSString).appendingPathComponent("f"), contents: Data()))
        #expect(self.error("command: [x]\nworking_directory: ../work/f", file: file) != nil)
        #expect(self.error("command: [x]\nworking_directory: [a]", file: file)?.description.contains("expected a path to an existing directory") == true)
    }

    @Test("timeout forms", arguments: [
        ("90", 90.0), ("1.5", 1.5), ("90s", 90), ("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("1d", 86400),
        ("1.5h", 5400), ("1d2h3m4s", 93784), ("'45'", 45), ("\"10m\"", 600),
    ])
    func timeoutForms(text: String, seconds: Double) throws {
        let command = try firstCommand("command: [x]\ntimeout: \(text)")
        #expect(command.timeout == seconds)
    }

    @Test("bad timeouts list the allowed forms", arguments: ["0", "-5", "0s", "2x", "30m1h", "1h1h", "h", "1.2.3s", "[1]", ".inf", "1 h"])
    func badTimeout(text: String) throws {
        let error = try #require(self.error("command: [x]\ntimeout: \(text)"))
        #expect(error.description.hasPrefix("c.yaml:2:10: timeout: "), "\(error)")
        let allowed = "a number of seconds > 0, or a duration such as 90s, 30m, 2h, 1h30m, 1d"
        #expect(error.description.contains(allowed), "\(error)")
    }

    @Test("without command, working_directory and timeout are errors and core fields are checked as before", arguments: [
        ("timeout: 2h", "c.yaml:1:1: 'timeout' applies only to a sweep with `command`"),
        ("base: {steps: 10}\nworking_directory: .", "c.yaml:2:1: 'working_directory' applies only to a sweep with `command`"),
        ("command: ~\nbase: {epochs: 3}", "c.yaml:2:8: base: unknown key 'epochs'"),
    ])
    func withoutCommand(yaml: String, prefix: String) throws {
        let error = try #require(self.error(yaml))
        #expect(error.description.hasPrefix(prefix), "\(error)")
    }
}

import Core
import Foundation
import JSON
import Testing
import Wire
import Worker

/// Command trials run by a real worker loop as real child processes.
@Suite("Command trials run by a worker")
struct CommandTrialTests {
    @Test("a result file gives the metrics, curves, the last progress step and the output's tail")
    func commandResultFromFile() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", """
            echo 'mirrorsweep-progress {"step": 4, "total_steps": 5}'
            echo starting
            echo warming up >&2
            echo '{"metrics": {"acc": 0.75, "loss": 2}, "curves": [{"step": 1, "metrics": {"acc": 0.5}}]}' > "$MIRRORSWEEP_RESULT"
            """)
        let outcome = try await runCommand(commandTrial([program]))
        let result = try #require(outcome.result, "failed: \(String(describing: outcome.failure))")
        #expect(result.status == .completed && result.steps == 4 && result.x.isEmpty)
        #expect(result.metrics == ["acc": 0.75, "loss": 2])
        #expect(result.curves == [CurvePoint(step: 1, metrics: ["acc": 0.5])])
        // Two pipes read at once: the lines' order across streams is not fixed, their marks are.
        #expect(Set(result.log?.split(separator: "\n").map(String.init) ?? []) == ["[stdout] starting", "[stderr] warming up"])
        #expect(result.wallSeconds > 0)
    }

    @Test("without a result file the last stdout line that is a result object counts")
    func commandResultFromStdout() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", """
            echo '{"metrics": {"acc": 0.1}}'
            echo '{"metrics": {"acc": 0.2}}'
            echo '{"note": "not a result"}'
            echo done
            """)
        let outcome = try await runCommand(commandTrial([program]))
        #expect(outcome.result?.metrics == ["acc": 0.2], "failed: \(String(describing: outcome.failure))")
    }

    @Test("the result file wins over a result line on stdout")
    func commandResultFilePrecedence() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", """
            echo '{"metrics": {"acc": 1}}' > "$MIRRORSWEEP_RESULT"
            echo '{"metrics": {"acc": 2}}'
            """)
        #expect(try await runCommand(commandTrial([program])).result?.metrics == ["acc": 1])
    }

    @Test("a non-zero exit fails with the status and the last lines of stderr")
    func commandNonZeroExit() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", """
            echo '{"metrics": {"acc": 1}}' > "$MIRRORSWEEP_RESULT"
            echo out of memory >&2
            exit 3
            """)
        let failure = try #require(try await runCommand(commandTrial([program])).failure)
        #expect(failure.message == "exited with status 3\nlast lines of standard error:\nout of memory")
        #expect(failure.log == "[stderr] out of memory")
    }

    @Test("a program killed by a signal fails naming the signal")
    func commandSignal() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", "kill -9 $$")
        let failure = try #require(try await runCommand(commandTrial([program])).failure)
        #expect(failure.message == "killed by signal 9 (SIGKILL)")
        #expect(failure.log == nil)
    }

    @Test("a timeout ends the whole process group, a background grandchild too")
    func commandTimeout() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", "sleep 300 & echo $! > '\(dir.path)/pid'\nwait")
        let failure = try #require(try await runCommand(commandTrial([program], timeout: 0.5)).failure)
        #expect(failure.message == "timed out after 0.5 s")
        let pid = try #require(dir.read("pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(waitUntilGone(pid), "the grandchild \(pid) survived")
    }

    @Test("exit 0 without a result fails and says so")
    func commandNoResult() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", "echo '{\"metrics\": 3' ; echo almost >&2")
        let failure = try #require(try await runCommand(commandTrial([program])).failure)
        #expect(failure.message.hasPrefix("exited with status 0 but wrote no result: no MIRRORSWEEP_RESULT file"))
        #expect(failure.message.hasSuffix("\nlast lines of standard error:\nalmost"))
    }

    @Test("a metric that is not a number fails naming it", arguments: [
        ("echo '{\"metrics\": {\"acc\": \"high\"}}' > \"$MIRRORSWEEP_RESULT\"", "invalid result: metrics.acc is a string, expected a number (in the MIRRORSWEEP_RESULT file)"),
        ("echo '{\"metrics\": {\"acc\": [1]}}'", "invalid result: metrics.acc is an array, expected a number (on standard output)"),
        ("echo '{\"metrics\": {}, \"curves\": [{\"step\": \"x\"}]}' > \"$MIRRORSWEEP_RESULT\"", "invalid result: curves[0].step is a string, expected an integer (in the MIRRORSWEEP_RESULT file)"),
    ])
    func commandInvalidResult(script: String, message: String) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let failure = try #require(try await runCommand(commandTrial([try dir.script("train.sh", script)])).failure)
        #expect(failure.message == message)
    }

    @Test("progress lines become progress reports; malformed ones stay in the log")
    func commandProgress() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", """
            echo 'mirrorsweep-progress {"step": 1, "total_steps": 10, "accuracy": 0.9, "phase": "warm"}'
            echo 'mirrorsweep-progress {oops'
            echo 'mirrorsweep-progress {"step": 2}'
            echo '{"metrics": {"acc": 1}}'
            """)
        let outcome = try await runCommand(commandTrial([program]))
        #expect(outcome.progress.map(\.step) == [1, 2])
        #expect(outcome.progress.map(\.totalSteps) == [10, 0])
        #expect(outcome.progress.map(\.metrics) == [["accuracy": 0.9], [:]])
        #expect(outcome.result?.steps == 2)
        #expect(outcome.result?.log == "[stdout] mirrorsweep-progress {oops\n[stdout] {\"metrics\": {\"acc\": 1}}")
    }

    @Test("the program gets the arguments, environment, config file, stdin and a fresh scratch directory that is removed")
    func commandEnvironment() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let out = dir.path
        let program = try dir.script("train.sh", """
            printf '%s\\n' "$@" > '\(out)/args'
            { echo "$MIRRORSWEEP_TRIAL_ID"; echo "$MIRRORSWEEP_SEED"; echo "$MIRRORSWEEP_ATTEMPT"; } > '\(out)/env'
            cp "$MIRRORSWEEP_CONFIG" '\(out)/config'
            test -e "$MIRRORSWEEP_RESULT" && echo exists > '\(out)/result' || echo absent > '\(out)/result'
            readlink /proc/$$/fd/0 > '\(out)/stdin'
            ls -A | wc -l | tr -d ' ' > '\(out)/entries'
            pwd > '\(out)/pwd'
            echo '{"metrics": {"acc": 1}}' > "$MIRRORSWEEP_RESULT"
            """)
        let outcome = try await runCommand(commandTrial([program, "--lr={lr}", "{name}", "{seed}-{trial_id}"]))
        #expect(outcome.result != nil, "failed: \(String(describing: outcome.failure))")
        #expect(dir.read("args") == "--lr=0.5\nrun a\n7-t1\n")
        #expect(dir.read("env") == "t1\n7\n2\n")
        #expect(dir.read("result") == "absent\n")
        #expect(dir.read("stdin") == "/dev/null\n")
        #expect(dir.read("entries") == "0\n")
        let config = try JSONParser.parse(try #require(dir.read("config")))
        guard case let .object(members) = config else {
            Issue.record("the config file is not an object: \(config)")
            return
        }
        #expect(members.map(\.key) == ["lr", "name", "seed", "trial_id"])
        #expect(members.member("lr") == .double(0.5) && members.member("seed") == .int(7) && members.member("trial_id") == .string("t1"))
        let scratch = try #require(dir.read("pwd")).trimmingCharacters(in: .newlines)
        #expect(scratch.hasSuffix("/work") && !scratch.hasPrefix(dir.path))
        #expect(!FileManager.default.fileExists(atPath: scratch), "the scratch directory \(scratch) was not removed")
    }

    @Test("working_directory is honoured and a program path with a slash is relative to it")
    func commandWorkingDirectory() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        _ = try dir.script("train.sh", "pwd > pwd\necho '{\"metrics\": {\"acc\": 1}}'")
        let outcome = try await runCommand(commandTrial(["./train.sh"], workingDirectory: dir.path))
        #expect(outcome.result != nil, "failed: \(String(describing: outcome.failure))")
        #expect(dir.read("pwd") == dir.path + "\n")
    }

    @Test("a program that cannot start fails saying so")
    func commandMissingProgram() async throws {
        let failure = try #require(try await runCommand(commandTrial(["mirrorsweep-no-such-program"])).failure)
        #expect(failure.message.hasPrefix("cannot start mirrorsweep-no-such-program"))
    }

    @Test("with GPUs each slot's trials see its device in CUDA_VISIBLE_DEVICES")
    func commandGPUs() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let out = dir.path
        let program = try dir.script("train.sh", """
            echo "$CUDA_VISIBLE_DEVICES" > '\(out)/device-'"$MIRRORSWEEP_TRIAL_ID"
            touch '\(out)/started-'"$MIRRORSWEEP_TRIAL_ID"
            n=0; while [ ! -e '\(out)/started-a' ] || [ ! -e '\(out)/started-b' ]; do sleep 0.02; n=$((n+1)); [ $n -gt 1500 ] && exit 9; done
            echo '{"metrics": {"acc": 1}}'
            """)
        let (slots, a, b) = try await onThread {
            let loop = WorkerLoopTests()
            let worker = try ScriptedWorker { WorkerOptions(endpoint: $0, workerID: "gpu", progressInterval: 0, gpus: ["3", "7"]) }
            defer { worker.stopAndWait() }
            let hello = try loop.welcomed(worker.router)
            for id in ["a", "b"] {
                try worker.router.send(.assignment(trialID: id, attempt: 1, seed: 1, work: .command(commandTrial([program]))), to: hello.route)
            }
            guard case let .hello(_, _, slots, _, _) = hello.message else { return (0, CommandOutcome(), CommandOutcome()) }
            let outcomes = try loop.outcomes(of: ["a", "b"], worker.router)
            return (slots, outcomes["a"] ?? CommandOutcome(), outcomes["b"] ?? CommandOutcome())
        }
        #expect(slots == 2)
        #expect(a.result != nil && b.result != nil, "failed: \(String(describing: a.failure)) \(String(describing: b.failure))")
        #expect(Set([dir.read("device-a"), dir.read("device-b")]) == ["3\n", "7\n"])
    }

    @Test("without GPUs CUDA_VISIBLE_DEVICES is left as the worker has it")
    func commandNoGPUs() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", "echo \"${CUDA_VISIBLE_DEVICES-unset}\" > '\(dir.path)/device'\necho '{\"metrics\": {}}'")
        #expect(try await runCommand(commandTrial([program])).result != nil)
        #expect(dir.read("device") == (ProcessInfo.processInfo.environment["CUDA_VISIBLE_DEVICES"] ?? "unset") + "\n")
    }

    @Test("a new session after the coordinator fell silent ends the running program's whole group")
    func commandKilledOnSessionRestart() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let script = try dir.script("train.sh", "sleep 300 & echo $! > '\(dir.path)/pid'\necho $$ > '\(dir.path)/leader'\nwait")
        let (pid, leader, rejoined) = try await onThread {
            let loop = WorkerLoopTests()
            let worker = try ScriptedWorker { WorkerOptions(endpoint: $0, workerID: "restart", progressInterval: 0, killGrace: 1) }
            defer { worker.stopAndWait() }
            let hello = try loop.welcomed(worker.router, heartbeatInterval: 0.1, heartbeatLiveness: 10)
            try worker.router.send(.assignment(trialID: "t1", attempt: 1, seed: 1, work: .command(commandTrial([script]))), to: hello.route)
            let pid = dir.waitFor("pid").flatMap { Int32($0.trimmingCharacters(in: .newlines)) }
            let leader = dir.waitFor("leader").flatMap { Int32($0.trimmingCharacters(in: .newlines)) }
            while let reply = try loop.next(worker.router) {
                if case .hello = reply.message { return (pid, leader, true) }
            }
            return (pid, leader, false)
        }
        let grandchild = try #require(pid)
        let program = try #require(leader)
        #expect(rejoined, "the worker did not open a new session")
        #expect(waitUntilGone(program), "the program \(program) survived the new session")
        #expect(waitUntilGone(grandchild), "the grandchild \(grandchild) survived the new session")
    }

    @Test("a worker asked to stop ends its running programs before it exits")
    func commandKilledOnStop() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", "trap '' TERM\nsleep 300 & echo $! > '\(dir.path)/pid'\nwait")
        let pid = try await onThread {
            let loop = WorkerLoopTests()
            let worker = try ScriptedWorker { WorkerOptions(endpoint: $0, workerID: "stop", progressInterval: 0, killGrace: 0.2) }
            let hello = try loop.welcomed(worker.router)
            try worker.router.send(.assignment(trialID: "t1", attempt: 1, seed: 1, work: .command(commandTrial([program]))), to: hello.route)
            let pid = dir.waitFor("pid").flatMap { Int32($0.trimmingCharacters(in: .newlines)) }
            worker.stopAndWait()
            return pid
        }
        let grandchild = try #require(pid)
        #expect(!isAlive(grandchild), "the grandchild \(grandchild), which ignores SIGTERM, outlived the worker")
    }
}

extension CommandTrialTests {
    @Test("a shutdown from the coordinator ends the running programs before the worker exits")
    func commandKilledOnShutdown() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let program = try dir.script("train.sh", "sleep 300 & echo $! > '\(dir.path)/pid'\nwait")
        let (pid, exit) = try await onThread {
            let loop = WorkerLoopTests()
            let worker = try ScriptedWorker { WorkerOptions(endpoint: $0, workerID: "shutdown", progressInterval: 0) }
            let hello = try loop.welcomed(worker.router)
            try worker.router.send(.assignment(trialID: "t1", attempt: 1, seed: 1, work: .command(commandTrial([program]))), to: hello.route)
            let pid = dir.waitFor("pid").flatMap { Int32($0.trimmingCharacters(in: .newlines)) }
            try worker.router.send(.shutdown(reason: "done"), to: hello.route)
            return (pid, try worker.exit.wait(seconds: 30)?.get())
        }
        #expect(exit == .shutdown(reason: "done"))
        let grandchild = try #require(pid)
        #expect(!isAlive(grandchild), "the grandchild \(grandchild) outlived the worker")
    }
}

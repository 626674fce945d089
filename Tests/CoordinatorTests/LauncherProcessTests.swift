import Foundation
@testable import Launchers
import Processes
import Testing

@Suite("How the launchers run and word processes")
struct LauncherProcessTests {
    @Test("a Slurm command's standard output is returned; a failing one is an error with its exit status and standard error")
    func slurmCommandOutput() throws {
        #expect(try SlurmCommand.run("sh", ["-c", "echo 42; echo noise >&2"]) == "42\n")
        #expect(throws: LauncherError.launcher(what: "run sh -c echo out; echo 'Invalid account' >&2; exit 4", cause: "exit status 4: Invalid account")) {
            try SlurmCommand.run("sh", ["-c", "echo out; echo 'Invalid account' >&2; exit 4"])
        }
    }

    @Test("endings read as before: exit status N, killed by signal N")
    func endings() {
        #expect(BackgroundProcess.State.running.ending == nil)
        #expect(BackgroundProcess.State.ended(.exited(status: 255)).ending == "exit status 255")
        #expect(BackgroundProcess.State.ended(.signaled(signal: 9)).ending == "killed by signal 9")
        #expect(BackgroundProcess.State.ended(.signaled(signal: 9)).killedBySIGKILL)
        #expect(!BackgroundProcess.State.ended(.exited(status: 137)).killedBySIGKILL)
        #expect(BackgroundProcess.State.lost(.monitor(program: "ssh", reason: "waitid failed")).ending
            == "ended with an unknown status (lost track of ssh: waitid failed)")
    }

    @Test("a program that cannot start is a launcher error naming it and the errno")
    func launchError() {
        let error = LauncherError(ProcessError.launch(program: "ssh", errno: ENOENT, reason: "ssh is not an executable file on PATH"))
        #expect(error.description == "cannot start ssh: ssh is not an executable file on PATH (errno 2)")
    }
}

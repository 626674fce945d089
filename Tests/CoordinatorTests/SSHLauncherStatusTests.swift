@testable import Launchers
import Testing

@Suite("The SSH launcher's status line and give-up report")
struct SSHLauncherStatusTests {
    typealias Host = SSHLauncherStatus.Host

    @Test("running workers out of all hosts; restarts are counted only when there were some")
    func running() {
        let status = SSHLauncherStatus(hosts: [Host(name: "node1", state: .running), Host(name: "node2", state: .waiting)], restarted: 0)
        #expect(status.line == "ssh: 1/2 workers running")
        #expect(status.gaveUp == nil)
        let restarted = SSHLauncherStatus(hosts: [Host(name: "node1", state: .running)], restarted: 3)
        #expect(restarted.line == "ssh: 1/1 workers running, 3 restarted")
    }

    @Test("hosts waiting for a restart and hosts given up are named with their last error")
    func restartingAndGivenUp() {
        let status = SSHLauncherStatus(
            hosts: [
                Host(name: "node1", state: .running),
                Host(name: "node2", state: .restarting(failure: "exit status 255")),
                Host(name: "node3", state: .gaveUp(failure: "ssh: connect to host node3 port 22: Connection refused")),
            ],
            restarted: 1)
        #expect(
            status.line
                == "ssh: 1/3 workers running, 1 restarted; restarting node2 (exit status 255); gave up on node3 (ssh: connect to host node3 port 22: Connection refused)")
        #expect(status.gaveUp == nil, "node1 still runs and node2 gets another worker")
    }

    @Test("once every host is given up, the report says so with each host's error")
    func everyHostGivenUp() {
        let status = SSHLauncherStatus(
            hosts: [Host(name: "node1", state: .gaveUp(failure: "exit status 1")), Host(name: "node2", state: .gaveUp(failure: "refused"))],
            restarted: 4)
        #expect(status.gaveUp == "gave up on every ssh host: node1 (exit status 1), node2 (refused)")
        #expect(status.line == "ssh: 0/2 workers running, 4 restarted; gave up on node1 (exit status 1), node2 (refused)")
    }

    @Test("no hosts: nothing is given up")
    func empty() {
        #expect(SSHLauncherStatus(hosts: [], restarted: 0).gaveUp == nil)
    }
}

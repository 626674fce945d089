@testable import Launchers
import Testing

@Suite("SSH host lists: h1,h2[:slots], user@host, [ipv6]:slots")
struct SSHHostTests {
    @Test("valid lists parse into users, hosts and slots")
    func validLists() throws {
        let hosts = try SSHHost.parse(" gpu1:4, alice@gpu2 ,bob@10.0.0.7:2,[::1]:3,carol@[fe80::1]", defaultSlots: 2)
        #expect(hosts.map(\.user) == [nil, "alice", "bob", nil, "carol"])
        #expect(hosts.map(\.host) == ["gpu1", "gpu2", "10.0.0.7", "::1", "fe80::1"])
        #expect(hosts.map(\.slots) == [4, 2, 2, 3, 2])
        #expect(hosts.map(\.destination) == ["gpu1", "alice@gpu2", "bob@10.0.0.7", "::1", "carol@fe80::1"])
        #expect(hosts.map(\.description) == ["gpu1:4", "alice@gpu2:2", "bob@10.0.0.7:2", "[::1]:3", "carol@[fe80::1]:2"])
        #expect(try SSHHost.parse("node-7") == [try SSHHost(host: "node-7")])
    }

    @Test("each malformed entry is named with what is wrong and the allowed forms", arguments: [
        ("", "entry '': the host list is empty"),
        (" , ", "the host list is empty"),
        ("h1,,h2", "entry '': an entry is empty"),
        ("h1:0", "entry 'h1:0': slots must be an integer ≥ 1, got '0'"),
        ("h1:two", "entry 'h1:two': slots must be an integer ≥ 1, got 'two'"),
        ("h1:", "entry 'h1:': slots must be an integer ≥ 1, got ''"),
        ("h1:2:3", "entry 'h1:2:3': too many ':'; an IPv6 address goes in brackets"),
        ("@h1", "entry '@h1': the user before '@' is empty"),
        ("alice@", "entry 'alice@': the host name is empty"),
        (":4", "entry ':4': the host name is empty"),
        ("-oProxyCommand=x", "host '-oProxyCommand=x' may hold only letters"),
        ("-l@h1", "user '-l' may hold only letters"),
        ("h1;rm", "host 'h1;rm' may hold only letters"),
        ("a b", "host 'a b' may hold only letters"),
        ("[::1", "entry '[::1': '[' without a closing ']'"),
        ("[::1]x", "expected ':slots' after ']', found 'x'"),
        ("[nothex:zz]", "'nothex:zz' is not an IPv6 address"),
        ("h1,h2:2,h1:3", "entry 'h1:3': host h1 is already listed as 'h1:1'; list each host once and give it more slots"),
        ("alice@h1,bob@h1", "host h1 is already listed as 'alice@h1:1'"),
    ])
    func malformed(list: String, expected: String) {
        #expect {
            try SSHHost.parse(list)
        } throws: { error in
            let message = (error as? LauncherError)?.description ?? ""
            return message.contains(expected) && message.hasSuffix("allowed: \(SSHHost.allowedForms)")
        }
    }

    @Test("a zero default slot count is refused")
    func zeroDefault() {
        #expect(throws: LauncherError.hostList(entry: "h1", reason: "slots must be an integer ≥ 1, got 0")) {
            try SSHHost.parse("h1", defaultSlots: 0)
        }
    }

    @Test("the public initializer checks its fields")
    func initializerChecks() {
        #expect(throws: LauncherError.hostList(entry: "x@-bad", reason: "host '-bad' may hold only letters, digits, '.', '_' and '-', and may not start with '-'")) {
            try SSHHost(user: "x", host: "-bad")
        }
    }

    @Test("worker ids and log files name the host; IPv6 colons do not reach file names")
    func namesAndLogs() throws {
        let hosts = try SSHHost.parse("alice@gpu1,[::1]:2")
        #expect(SSHLauncher.workerID(host: hosts[0], index: 0) == "ssh-gpu1-0")
        #expect(SSHLauncher.workerID(host: hosts[1], index: 1) == "ssh-::1-1")
        #expect(SSHLauncher.logPath(host: hosts[0], logDirectory: "/run/x/logs") == "/run/x/logs/ssh-gpu1.log")
        #expect(SSHLauncher.logPath(host: hosts[1], logDirectory: "/run/x/logs") == "/run/x/logs/ssh-__1.log")
    }

    @Test("wildcard binds become the host remote workers reach; other endpoints stay", arguments: [
        ("tcp://0.0.0.0:5555", "coord.example", "tcp://coord.example:5555"),
        ("tcp://*:6000", "10.1.2.3", "tcp://10.1.2.3:6000"),
        ("tcp://[::]:7000", "fe80::2", "tcp://[fe80::2]:7000"),
        ("tcp://10.0.0.1:5555", "coord.example", "tcp://10.0.0.1:5555"),
        ("ipc:///tmp/x", "coord.example", "ipc:///tmp/x"),
    ])
    func reachableEndpoint(bound: String, host: String, expected: String) {
        #expect(SSHLauncher.reachableEndpoint(bound: bound, host: host) == expected)
    }
}

import Serving
import Testing

@Suite("Bind scope: loopback or network")
struct BindScopeTests {
    @Test(arguments: [
        "tcp://127.0.0.1:5555", "tcp://127.0.0.1:*", "tcp://127.1.2.3:80", "tcp://localhost:5555", "tcp://[::1]:5555",
        "tcp://lo:5555", "ipc:///tmp/mirrorsweep.sock", "inproc://coordinator", "TCP://127.0.0.1:1",
    ])
    func local(endpoint: String) {
        #expect(BindScope(endpoint: endpoint) == .local)
    }

    @Test(arguments: [
        "tcp://*:5555", "tcp://0.0.0.0:5555", "tcp://[::]:5555", "tcp://10.0.0.7:5555", "tcp://192.168.1.2:*",
        "tcp://node17.cluster:5555", "tcp://eth0:5555", "tcp://127.0.0.1.evil.example:5555", "tcp://127.0.0.256:1",
        "ws://127.0.0.1:5555", "pgm://eth0;239.192.1.1:5555",
    ])
    func network(endpoint: String) {
        #expect(BindScope(endpoint: endpoint) == .network)
    }
}

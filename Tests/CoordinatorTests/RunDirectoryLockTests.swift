import Foundation
import Journaling
import Testing

@Suite("Run directory lock")
struct RunDirectoryLockTests {
    func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a second holder is refused with the first one's pid, host and command; released, the lock can be taken again")
    func exclusive() throws {
        let path = try directory()
        var first: RunDirectoryLock? = try RunDirectoryLock.acquire(runDirectory: path, command: "mirrorsweep run first.yaml")
        #expect(first != nil)
        let text = try String(contentsOfFile: path + "/" + RunDirectoryLock.fileName, encoding: .utf8)
        #expect(throws: JournalError.runDirectoryInUse(path: path, holder: text.trimmingCharacters(in: .whitespacesAndNewlines))) {
            _ = try RunDirectoryLock.acquire(runDirectory: path, command: "mirrorsweep run second.yaml")
        }
        #expect(text.contains("pid \(getpid()) on host \(ProcessInfo.processInfo.hostName)"))
        #expect(text.contains("mirrorsweep run first.yaml"))
        first = nil
        let second = try RunDirectoryLock.acquire(runDirectory: path, command: "mirrorsweep run second.yaml")
        #expect(try String(contentsOfFile: second.path, encoding: .utf8).contains("second.yaml"))
    }

    @Test("the refusal says how to go on")
    func message() {
        let text = JournalError.runDirectoryInUse(path: "runs/x", holder: "pid 7 on host h").description
        #expect(text.contains("runs/x") && text.contains("pid 7 on host h") && text.contains("stop that one first"))
    }
}

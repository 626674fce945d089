@testable import Serving
import Testing
@testable import Wire

@Suite("Worker admission")
struct WorkerAdmissionTests {
    @Test("a hello in this coordinator's protocol version with at least one slot is admitted", arguments: [1, 2, 64])
    func admitsSlots(slots: Int) {
        #expect(WorkerAdmission(version: protocolVersion, slots: slots) == .admitted)
    }

    @Test("another protocol version is refused with both versions named")
    func refusesVersion() {
        let admission = WorkerAdmission(version: 2, slots: 4, supported: 1)
        #expect(admission == .refused(.unsupportedVersion(found: 2, supported: 1)))
        guard case let .refused(refusal) = admission else { return }
        #expect(refusal.reason == "protocol version 2 is not supported; this coordinator speaks version 1")
        #expect(refusal.logDetail == "it speaks protocol version 2, this coordinator 1")
    }

    @Test("fewer than one slot is refused", arguments: [0, -3])
    func refusesSlots(slots: Int) {
        let admission = WorkerAdmission(version: protocolVersion, slots: slots)
        #expect(admission == .refused(.noSlots(slots)))
        guard case let .refused(refusal) = admission else { return }
        #expect(refusal.reason == "slots must be at least 1")
        #expect(refusal.logDetail == "slots \(slots) < 1")
    }

    @Test("the version is checked before the slots")
    func versionFirst() {
        #expect(WorkerAdmission(version: 7, slots: 0, supported: 1) == .refused(.unsupportedVersion(found: 7, supported: 1)))
    }
}

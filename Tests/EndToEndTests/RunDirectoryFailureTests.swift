import Foundation
import GRDB
import Testing

/// A run directory on a read-only disk, and a disk that fills up mid-sweep: real `mirrorsweep run`
/// processes with real workers on a real tmpfs.
@Suite("Run directory failures", .serialized)
struct RunDirectoryFailureTests {
    /// 120 trials whose results carry 4,000 numbers each (about 80 KB of JSON).
    static let spec = sparseRegressionSpec(
        name: "diskfull",
        base: [("samples", "20"), ("dimension", "4000"), ("sparsity", "5"), ("test_samples", "10"), ("steps", "1"), ("curve_points", "1")],
        seeds: 120)

    /// Counts and checks of a journal, read with SQLite directly.
    struct JournalFacts: Equatable {
        var integrity: String
        var trials: Int
        var done: Int
        /// Rows whose state and stored result disagree: a half-recorded trial.
        var inconsistent: Int
    }

    func facts(_ runDirectory: String) throws -> JournalFacts {
        let queue = try DatabaseQueue(path: (runDirectory as NSString).appendingPathComponent("journal.sqlite"))
        defer { try? queue.close() }
        return try queue.read { db in
            JournalFacts(
                integrity: try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "",
                trials: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials") ?? -1,
                done: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials WHERE state = 'done'") ?? -1,
                inconsistent: try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM trials WHERE (state = 'done') != (result IS NOT NULL)") ?? -1)
        }
    }

    @Test("a read-only run directory is refused with its path and errno",
          .enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root; root ignores file permissions"))
    func readOnlyRunDirectory() throws {
        let fixture = try SweepFixture(name: "diskfull", yaml: Self.spec)
        let mount = try TmpfsMount(kibibytes: 1024)
        defer { mount.remove() }
        try mount.makeReadOnly()
        let output = try MirrorSweepBinary.run(
            ["run", fixture.specPath, "--workers", "1", "--run-dir", mount.path], timeout: .seconds(60))
        #expect(!output.signaled && output.status == 1)
        #expect(output.stderr.contains("""
            Error: run directory \(mount.path) is not usable: it is not writable: Read-only file system \
            (errno 30); choose another run directory\n
            """), "stderr: \(output.stderr)")
    }

    @Test("a disk that fills mid-sweep stops the coordinator cleanly; with space the same command finishes",
          .enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root (CAP_SYS_ADMIN)"))
    func diskFullThenResume() throws {
        let fixture = try SweepFixture(name: "diskfull", yaml: Self.spec)
        let mount = try TmpfsMount(kibibytes: 2048)
        defer { mount.remove() }
        let arguments = ["run", fixture.specPath, "--workers", "2", "--run-dir", mount.path, "--no-table"]
        let full = try MirrorSweepBinary.run(arguments, timeout: .seconds(300))
        let journal = (mount.path as NSString).appendingPathComponent("journal.sqlite")
        #expect(!full.signaled && full.status == 1)
        #expect(full.stderr.contains("""
            Error: journal \(journal): cannot record results: the disk is full; every result committed \
            before is kept: free space, then run the same command again to resume\n
            """), "stderr: \(full.stderr)")

        try mount.resize(kibibytes: 65536)
        let stopped = try facts(mount.path)
        #expect(stopped.integrity == "ok")
        #expect(stopped.trials == 120 && stopped.inconsistent == 0)
        #expect(stopped.done > 0 && stopped.done < 120, "the disk filled after \(stopped.done) results")

        let resumed = try MirrorSweepBinary.run(arguments, timeout: .seconds(300))
        #expect(resumed.succeeded, "resume failed: \(resumed.stderr)")
        #expect(try facts(mount.path) == JournalFacts(integrity: "ok", trials: 120, done: 120, inconsistent: 0))
        let status = try fixture.status(mount.path)
        #expect(status["done"] as? Int == 120 && status["pending"] as? Int == 0)
    }
}

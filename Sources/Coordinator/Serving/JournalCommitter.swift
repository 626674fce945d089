import Core
import Foundation
import Journaling
import Logging
import ZeroMQ

/// Commits results to the journal on a thread of its own, so that the serving thread goes on
/// receiving and assigning while SQLite writes and syncs.
///
/// Entries submitted while a commit runs go into the next transaction together. After each
/// commit the thread sends an empty frame to ``wakeup``; the serving thread, which polls that
/// socket, then takes the committed entries with ``takeCommitted()`` and only then acknowledges
/// them. A failed commit stops the thread; ``takeCommitted()`` and ``drain()`` throw its error.
/// ``note(_:)`` hands it bookkeeping (workers seen, the progress snapshot), written after the
/// next commit and before the thread stops; a failed note is logged and changes nothing else.
final class JournalCommitter: @unchecked Sendable {
    /// Readable when a commit has finished. Owned by the serving thread, like its poller.
    let wakeup: ZMQSocket
    private let condition = NSCondition()
    private var queued: [JournalEntry] = []
    private var notes: [JournalNote] = []
    private var committed: [JournalEntry] = []
    private var committing = false
    private var failure: ServingError?
    private var closing = false
    private var running = true
    private var lastCommitSeconds: Double?

    /// Starts the committing thread; `context` is the serving socket's.
    init(journal: Journal, context: ZMQContext, logger: Logger) throws(ZMQError) {
        let endpoint = "inproc://mirrorsweep-journal-\(UUID().uuidString)"
        wakeup = try ZMQSocket(context: context, type: .pull)
        try wakeup.set(.receiveHighWaterMark(0))
        try wakeup.bind(endpoint)
        let thread = Thread { [self] in commitLoop(journal: journal, context: context, endpoint: endpoint, logger: logger) }
        thread.name = "journal-commits"
        thread.start()
    }

    /// Seconds the latest successful commit took; nil before the first.
    var latestCommitSeconds: Double? { condition.withLock { lastCommitSeconds } }

    /// Queues `entries` for the next transaction.
    func submit(_ entries: [JournalEntry]) {
        condition.withLock {
            queued.append(contentsOf: entries)
            condition.signal()
        }
    }

    /// Queues `note` for after the next commit, replacing a queued `meta` note of the same key.
    func note(_ note: JournalNote) {
        condition.withLock {
            if case let .meta(key, _) = note {
                notes.removeAll { if case .meta(key, _) = $0 { true } else { false } }
            }
            notes.append(note)
            condition.signal()
        }
    }

    /// The entries committed since the last call, in commit order; throws the commit's error.
    func takeCommitted() throws(ServingError) -> [JournalEntry] {
        while (try? wakeup.receive(dontWait: true)) != nil {}
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        let entries = committed
        committed.removeAll(keepingCapacity: true)
        return entries
    }

    /// Waits until every submitted entry is committed, then takes them as ``takeCommitted()`` does.
    func drain() throws(ServingError) -> [JournalEntry] {
        condition.withLock {
            while (!queued.isEmpty || committing) && failure == nil { condition.wait() }
        }
        return try takeCommitted()
    }

    /// Stops the thread after the commit under way, and closes ``wakeup``.
    func close() {
        condition.withLock {
            closing = true
            condition.broadcast()
            while running { condition.wait() }
        }
        wakeup.close()
    }

    private func commitLoop(journal: Journal, context: ZMQContext, endpoint: String, logger: Logger) {
        let notify: ZMQSocket?
        do {
            let socket = try ZMQSocket(context: context, type: .push)
            try socket.set(.sendHighWaterMark(0))
            try socket.set(.linger(milliseconds: 0))
            try socket.connect(endpoint)
            notify = socket
        } catch {
            notify = nil
            condition.withLock { failure = .transport(operation: "connect \(endpoint)", cause: error) }
        }
        while let (entries, notes) = nextWork() {
            if !entries.isEmpty {
                commit(entries, to: journal)
                _ = try? notify?.send([[]], dontWait: true)
            }
            for note in notes {
                do {
                    try note.write(to: journal)
                } catch {
                    logger.warning("could not write \(note) to the journal: \(error)")
                }
            }
        }
        notify?.close()
        condition.withLock {
            running = false
            condition.broadcast()
        }
    }

    private func commit(_ entries: [JournalEntry], to journal: Journal) {
        do {
            let start = MonotonicClock.seconds()
            try journal.record(entries)
            let seconds = MonotonicClock.seconds() - start
            condition.withLock {
                lastCommitSeconds = seconds
                committed.append(contentsOf: entries)
                committing = false
                condition.broadcast()
            }
        } catch {
            condition.withLock {
                failure = .journal(Journal.failure(error, path: journal.path, operation: "record results"))
                committing = false
                condition.broadcast()
            }
        }
    }

    /// The next entries to commit and notes to write; nil once closing with nothing queued, or
    /// after a failed commit.
    private func nextWork() -> (entries: [JournalEntry], notes: [JournalNote])? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty && notes.isEmpty && !closing && failure == nil { condition.wait() }
        guard failure == nil, !queued.isEmpty || !notes.isEmpty else { return nil }
        let work = (queued, notes)
        queued.removeAll(keepingCapacity: true)
        notes.removeAll(keepingCapacity: true)
        committing = !work.0.isEmpty
        return work
    }
}

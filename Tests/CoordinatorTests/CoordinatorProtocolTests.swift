import Core
import Foundation
import SweepSpecs
import Testing
import Wire
import ZeroMQ

/// docs/PROTOCOL.md's promises, checked against a real coordinator over real sockets.
@Suite("Coordinator keeps docs/PROTOCOL.md", .serialized)
struct CoordinatorProtocolTests {
    /// A noop sweep of `seeds` (a count or a list).
    static func noopSpec(seeds: String) -> String {
        "name: protocol\nbase:\n  problem: noop\nseeds: \(seeds)\n"
    }

    static func noopResult(seed: UInt64) throws -> TrialResult {
        var config = TrialConfig()
        config.problem = .noop
        return try runTrial(config, seed: seed)
    }

    /// The assignments among `messages`, as (trial id, attempt, seed).
    static func assignments(_ messages: [Message]) -> [(trialID: String, attempt: Int, seed: UInt64)] {
        messages.compactMap {
            if case let .assignment(trialID, attempt, seed, _) = $0 { return (trialID, attempt, seed) }
            return nil
        }
    }

    @Test("a worker refused after its welcome gets no more assignments; its trials go to others")
    func refusedWorkerIsReleased() throws {
        let served = try ServedSweep(yaml: Self.noopSpec(seeds: "4"))
        defer { served.stop() }
        let a = try served.connect(routingID: "a/1")
        #expect(try served.hello(a, workerID: "a", slots: 2).type == .welcome)
        try a.send(message: .workRequest(credit: 2))
        let held = Self.assignments([try a.next(), try a.next()])
        #expect(held.count == 2)
        _ = try a.send([Array(#"{"v":2,"type":"heartbeat"}"#.utf8)])
        #expect(try a.next().type == .refuse)
        try a.send(message: .workRequest(credit: 2))

        let b = try served.connect(routingID: "b/1")
        #expect(try served.hello(b, workerID: "b", slots: 4).type == .welcome)
        try b.send(message: .workRequest(credit: 4))
        let taken = Self.assignments(try (0..<4).map { _ in try b.next() })
        #expect(Set(taken.map(\.trialID)).count == 4, "b runs every trial, a none")
        #expect(taken.filter { $0.attempt == 2 }.map(\.trialID).sorted() == held.map(\.trialID).sorted())
        for trial in taken {
            try b.send(message: .result(trialID: trial.trialID, attempt: trial.attempt, result: try Self.noopResult(seed: trial.seed)))
        }
        var acked: Set<String> = []
        while true {
            let message = try b.next()
            if case let .ack(trialID) = message { acked.insert(trialID) }
            if message.type == .shutdown { break }
        }
        #expect(acked == Set(taken.map(\.trialID)), "every ack before shutdown")
        while let frames = try a.receive(dontWait: true) {
            #expect(try MessageCodec.decode(frames[0]).type != .assignment)
        }
    }

    @Test("a result for a recorded trial is acknowledged to a worker it was never leased to")
    func duplicateFromAnotherWorkerIsAcknowledged() throws {
        let served = try ServedSweep(yaml: Self.noopSpec(seeds: "2"))
        defer { served.stop() }
        let a = try served.connect(routingID: "a/1")
        #expect(try served.hello(a, workerID: "a").type == .welcome)
        try a.send(message: .workRequest(credit: 1))
        let trial = try #require(Self.assignments([try a.next()]).first)
        let result = Message.result(trialID: trial.trialID, attempt: trial.attempt, result: try Self.noopResult(seed: trial.seed))
        try a.send(message: result)
        #expect(try a.next() == .ack(trialID: trial.trialID))
        let b = try served.connect(routingID: "b/1")
        #expect(try served.hello(b, workerID: "b").type == .welcome)
        try b.send(message: result)
        #expect(try b.next() == .ack(trialID: trial.trialID))
    }

    @Test("the largest seed goes from the spec to the assignment, and its result is recorded")
    func largestSeed() throws {
        let served = try ServedSweep(yaml: Self.noopSpec(seeds: "[18446744073709551615]"))
        defer { served.stop() }
        let a = try served.connect(routingID: "a/1")
        #expect(try served.hello(a, workerID: "a").type == .welcome)
        try a.send(message: .workRequest(credit: 1))
        let trial = try #require(Self.assignments([try a.next()]).first)
        #expect(trial.seed == UInt64.max)
        var config = TrialConfig()
        config.problem = .noop
        #expect(trial.trialID == TrialIdentity.id(config: config, seed: UInt64.max))
        try a.send(message: .result(trialID: trial.trialID, attempt: 1, result: try Self.noopResult(seed: trial.seed)))
        #expect(try a.next() == .ack(trialID: trial.trialID))
        #expect(try a.next().type == .shutdown)
    }

    @Test("a failed attempt is acked and retried, up to the attempts PROTOCOL.md names")
    func failedAttemptsAreRetried() throws {
        let served = try ServedSweep(yaml: Self.noopSpec(seeds: "1"))
        defer { served.stop() }
        let a = try served.connect(routingID: "a/1")
        #expect(try served.hello(a, workerID: "a").type == .welcome)
        try a.send(message: .workRequest(credit: 1))
        var attempts: [Int] = []
        while true {
            let message = try a.next()
            if message.type == .shutdown { break }
            guard let trial = Self.assignments([message]).first else { continue }
            attempts.append(trial.attempt)
            try a.send(message: .failure(trialID: trial.trialID, attempt: trial.attempt, message: "cannot"))
            #expect(try a.next() == .ack(trialID: trial.trialID))
            try a.send(message: .workRequest(credit: 1))
        }
        #expect(attempts == Array(1...ProtocolDocument.failedAttempts))
    }
}

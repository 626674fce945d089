import Core
import Foundation
import Logging
import Testing
import Wire
import Worker

extension WorkerLoopTests {
    @Test("the worker passes on the progress of a matrix-sensing trial, steps ascending, at its curve points")
    func matrixSensingProgress() throws {
        let worker = try ScriptedWorker { WorkerOptions(endpoint: $0, slots: 1, workerID: "sensing", progressInterval: 0) }
        defer { worker.stopAndWait() }
        let router = worker.router
        let hello = try #require(try next(router))
        try router.send([hello.route, MessageCodec.encode(.welcome(heartbeatInterval: 0.2, heartbeatLiveness: 500, runID: "test"))])
        var config = TrialConfig()
        config.problem = .matrixSensing
        config.dimension = 8
        config.measurements = 60
        config.initScale = 0.1
        config.learningRate = 0.05
        config.steps = 200
        config.curvePoints = 5
        try router.send([hello.route, MessageCodec.encode(.assignment(trialID: "m1", attempt: 1, seed: 3, config: config))])
        var steps: [Int] = []
        var result: TrialResult?
        while result == nil, let reply = try next(router) {
            switch reply.message {
            case let .progress(trialID, _, step, totalSteps, metrics):
                #expect(trialID == "m1" && totalSteps == 200 && metrics["nuclear_norm"] != nil)
                steps.append(step)
            case let .result(_, _, value):
                result = value
            default:
                continue
            }
        }
        let curveSteps = try #require(result).curves.map(\.step)
        #expect(result?.status == .completed)
        #expect(!steps.isEmpty, "no progress was reported")
        #expect(steps == steps.sorted() && Set(steps).isSubset(of: curveSteps))
    }
}

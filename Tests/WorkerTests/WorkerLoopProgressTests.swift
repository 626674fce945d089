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
        let hello = try welcome(router)
        var config = TrialConfig()
        config.problem = .matrixSensing
        config.dimension = 8
        config.measurements = 60
        config.initScale = 0.1
        config.learningRate = 0.05
        config.steps = 200
        config.curvePoints = 5
        try router.send(.assignment(trialID: "m1", attempt: 1, seed: 3, work: .core(config)), to: hello.route)
        let (steps, result) = try collectResult(router) { trialID, _, totalSteps, metrics in
            #expect(trialID == "m1" && totalSteps == 200 && metrics["nuclear_norm"] != nil)
        }
        let curveSteps = try #require(result?.value).curves.map(\.step)
        #expect(result?.value.status == .completed)
        #expect(!steps.isEmpty, "no progress was reported")
        #expect(steps == steps.sorted() && Set(steps).isSubset(of: curveSteps))
    }
}

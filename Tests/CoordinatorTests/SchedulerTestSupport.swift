import Core
import Scheduling
import SweepSpecs

extension Array where Element == SchedulerDirective {
    /// The assignments, as (worker, trial id, attempt).
    var assignments: [(worker: String, trialID: String, attempt: Int)] {
        compactMap {
            if case let .assign(worker, trial, attempt) = $0 { return (worker.rawValue, trial.id, attempt) }
            return nil
        }
    }

    /// The ids of trials sent to the journal as results.
    var persistedResults: [String] {
        compactMap {
            if case let .persistResult(trialID, _, _, _, _) = $0 { return trialID.rawValue }
            return nil
        }
    }

    /// The acknowledgements, as (worker, trial id).
    var acknowledgements: [(worker: String, trialID: String)] {
        compactMap {
            if case let .acknowledge(worker, trialID) = $0 { return (worker.rawValue, trialID.rawValue) }
            return nil
        }
    }

    /// The workers told to shut down.
    var shutdowns: [String] {
        compactMap {
            if case let .shutdown(worker, _) = $0 { return worker.rawValue }
            return nil
        }
    }

    /// The workers forgotten.
    var forgotten: [String] {
        compactMap {
            if case let .forget(worker) = $0 { return worker.rawValue }
            return nil
        }
    }

    /// The directives other than log lines.
    var withoutLogs: [SchedulerDirective] {
        filter {
            if case .log = $0 { return false }
            return true
        }
    }

    /// Whether a `finished` directive is present.
    var containsFinished: Bool { contains(.finished) }
}

extension Scheduler {
    /// `worker` joins with `slots` slots and asks for `credit` trials, both at `now`; returns the
    /// directives of the request.
    @discardableResult
    mutating func join(_ worker: WorkerID, slots: Int = 1, credit: Int, now: Double = 0) -> [SchedulerDirective] {
        _ = handle(.workerJoined(worker: worker, slots: slots), now: now)
        return handle(.workRequested(worker: worker, credit: credit), now: now)
    }

    /// `workers` join with one slot each at `now`, asking for no work yet.
    mutating func join(_ workers: WorkerID..., now: Double = 0) {
        for worker in workers { _ = handle(.workerJoined(worker: worker, slots: 1), now: now) }
    }
}

/// Sparse-regression trials `t0`, `t1`, … whose data seed is `dataSeeds[index]`: trials with
/// the same data seed share their data and can train together.
func makeBatchableTrials(dataSeeds: [UInt64]) -> [TrialSpec] {
    dataSeeds.enumerated().map { index, dataSeed in
        var config = TrialConfig()
        config.problem = .sparseRegression
        config.dataSeed = dataSeed
        config.weightDecay = 1e-3 * Double(index)
        return TrialSpec(
            id: "t\(index)", index: index, config: config, seed: UInt64(index),
            axes: [AxisValue(name: "seed", value: "\(index)")])
    }
}

import BenchmarkSupport
import Core
import Foundation
import JSON
import Journaling
import SweepSpecs
import Wire

// Nanoseconds per call of the JSON paths a sweep runs once per trial: the message codec on a
// result and an assignment (coordinator and worker), the journal's result column both ways and
// its config column read back, and a trial id. Prints a Markdown table of medians over
// `repetitions` runs of this thread's CPU time; `make bench` runs it in release.

/// A result as a mask-weight trial at d = 100 reports it: x, eight final metrics, 16 curve points.
func sampleResult() -> TrialResult {
    let x = (0..<100).map { i in i % 7 == 0 ? sin(Double(i)) * 0.37 : 0 }
    let names = ["train_loss", "test_mse", "recovery_error", "l1", "nonzeros", "sparsity", "grad_norm", "margin"]
    var metrics: [String: Double] = [:]
    for (k, name) in names.enumerated() { metrics[name] = 1 / Double(k + 3) }
    let curves = (0..<16).map { k -> CurvePoint in
        let t = Double(k)
        let point: [String: Double] = ["train_loss": exp(-t / 3), "l1": 1.5 + t / 7, "nonzeros": 100 - t]
        return CurvePoint(step: 1 << k, metrics: point)
    }
    return TrialResult(status: .completed, steps: 10_000, wallSeconds: 0.0421, x: x, metrics: metrics, curves: curves)
}

func sampleConfig() -> TrialConfig {
    var c = TrialConfig()
    c.dimension = 100
    c.samples = 40
    c.learningRate = 1e-3
    c.weightDecay = 2.5e-4
    c.schedule = .warmup(steps: 10, then: .cosine(end: nil))
    c.thresholds = [1e-3, 1e-6]
    return c
}

/// Median nanoseconds per call of `body`, which runs the operation `count` times.
func nanoseconds(repetitions: Int = 7, _ body: (Int) throws -> Int) rethrows -> (ns: Double, sink: Int) {
    var count = 1
    var sink = 0
    while true {
        let start = cpuSeconds()
        sink &+= try body(count)
        if cpuSeconds() - start >= 0.05 { break }
        count *= 2
    }
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = cpuSeconds()
        sink &+= try body(count)
        times.append((cpuSeconds() - start) / Double(count) * 1e9)
    }
    return (median(times), sink)
}

let result = sampleResult()
let config = sampleConfig()
let id = TrialIdentity.id(config: config, seed: 1)
let resultMessage = Message.result(trialID: id, attempt: 1, result: result)
let assignment = Message.assignment(trialID: id, attempt: 1, seed: 1, work: .core(config))
let resultFrame = MessageCodec.encode(resultMessage)
let assignmentFrame = MessageCodec.encode(assignment)
let resultText = String(decoding: JSONNodeEncoder.sortedJSON(result), as: UTF8.self)
let configText = TrialIdentity.canonicalJSON(of: config)

var rows: [(String, Int, (ns: Double, sink: Int))] = []
rows.append(("message encode, result", resultFrame.count, nanoseconds { n in
    var s = 0
    for _ in 0..<n { s &+= MessageCodec.encode(resultMessage).count }
    return s
}))
rows.append(("message decode, result", resultFrame.count, try nanoseconds { n in
    var s = 0
    for _ in 0..<n { if case let .result(_, attempt, _) = try MessageCodec.decode(resultFrame) { s &+= attempt } }
    return s
}))
rows.append(("message encode, assignment", assignmentFrame.count, nanoseconds { n in
    var s = 0
    for _ in 0..<n { s &+= MessageCodec.encode(assignment).count }
    return s
}))
rows.append(("message decode, assignment", assignmentFrame.count, try nanoseconds { n in
    var s = 0
    for _ in 0..<n { if case let .assignment(_, attempt, _, _) = try MessageCodec.decode(assignmentFrame) { s &+= attempt } }
    return s
}))
rows.append(("journal encode, result (sorted keys)", resultText.utf8.count, nanoseconds { n in
    var s = 0
    for _ in 0..<n { s &+= JSONNodeEncoder.sortedJSON(result).count }
    return s
}))
rows.append(("journal decode, result", resultText.utf8.count, try nanoseconds { n in
    let decoder = JournalJSON.Decoder(path: "bench")
    var s = 0
    for _ in 0..<n { s &+= try decoder.result(resultText, trialID: id).steps }
    return s
}))
rows.append(("journal decode, config (uncached)", configText.utf8.count, try nanoseconds { n in
    var s = 0
    for _ in 0..<n {
        var decoder = JournalJSON.Decoder(path: "bench")
        s &+= try decoder.work(configText, trialID: id).coreConfig?.steps ?? 0
    }
    return s
}))
rows.append(("trial id", configText.utf8.count, nanoseconds { n in
    var s = 0
    for seed in 0..<UInt64(n) { s &+= TrialIdentity.id(config: config, seed: seed).utf8.count }
    return s
}))

print("| operation | bytes | ns per call (median of 7) |")
print("| :--- | ---: | ---: |")
var checksum = 0
for (name, bytes, measured) in rows {
    print("| \(name) | \(bytes) | \(Int(measured.ns.rounded())) |")
    checksum &+= measured.sink
}
// Printing what the loops computed keeps the optimizer from dropping them.
FileHandle.standardError.write(Data("checksum \(checksum)\n".utf8))

import SweepSpecs

/// Grids with more trials than this are parsed but not expanded, to keep executions fast.
let maxExpandedTrials = 4096

/// libFuzzer entry point: parses the input as a spec file and expands the grid when it parses.
///
/// Any input must give a `SweepSpec` or a `SpecError`; an expansion gives one trial per
/// grid point and seed, with distinct ids, or a `SpecError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let yaml = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let spec = try SweepSpec.parse(yaml: yaml, file: "fuzz.yaml")
        guard spec.trialCount <= maxExpandedTrials else { return 0 }
        let trials = try spec.expand()
        precondition(trials.count == spec.trialCount, "\(trials.count) trials for a grid of \(spec.trialCount)")
        precondition(Set(trials.map(\.id)).count == trials.count, "two trials share an id")
    } catch {
        precondition(!error.description.isEmpty, "a SpecError without a description")
    }
    return 0
}

import CKernels

/// The steps at which a run of `steps` steps records its curves: up to `points` distinct integers,
/// log-spaced from 0 to `steps`, ascending, always holding `steps` when `points ≥ 1`.
///
/// With P = `points` ≥ 2 the candidates are 0 and round(steps^(i/(P − 2))) for i = 0 … P − 2
/// (steps^u as exp(u·ln steps) by `ck_exp` and `ck_log`)
/// (just 0 and `steps` when P = 2); duplicates after rounding are dropped, so fewer than P may remain.
public func curveSteps(points: Int, steps: Int) -> [Int] {
    guard points >= 1 else { return [] }
    guard points >= 2, steps >= 1 else { return [steps] }
    var result: Set<Int> = [0, steps]
    if points > 2 {
        let span = Double(points - 2)
        for i in 0...(points - 2) {
            result.insert(Int(ck_exp(ck_log(Double(steps)) * Double(i) / span).rounded()))
        }
    }
    return result.sorted()
}

/// The PILoT initialization of one coordinate of x = m ⊙ w (RESEARCH.md).
///
/// Returns m₀ = √((β + √(β² + 4x²))/2) and w₀ = x / m₀, so that m₀·w₀ = x and m₀² − w₀² = β.
/// For x = 0 this gives m₀ = √β, w₀ = 0. With β = 0 and x = 0 both factors are 0 (the "spred"
/// initialization, which freezes the coordinate).
public func pilotInitialization(x: Double, scale beta: Double) -> (mask: Double, weight: Double) {
    let mask = ((beta + (beta * beta + 4 * x * x).squareRoot()) / 2).squareRoot()
    return (mask, mask == 0 ? 0 : x / mask)
}

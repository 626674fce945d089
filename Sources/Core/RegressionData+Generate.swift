extension RegressionData {
    /// Generates sparse regression data (RESEARCH.md) from `seed`.
    ///
    /// Draw order, all from one ``Xoshiro256StarStar`` seeded with `seed`: Z (n × d normals,
    /// row by row); the support of x* (a partial Fisher–Yates shuffle of 0..<d, k draws);
    /// the k nonzero values (normals, in support order); the label noise (n normals);
    /// the held-out design (m × d normals); the held-out noise (m normals).
    public static func generate(
        samples n: Int, dimension d: Int, sparsity k: Int, noise sigma: Double, testSamples m: Int, seed: UInt64
    ) -> RegressionData {
        var rng = Xoshiro256StarStar(seed: seed)
        let design = (0..<(n * d)).map { _ in rng.nextNormal() }
        var order = Array(0..<d)
        for i in 0..<k {
            let j = i + rng.nextInt(below: d - i)
            order.swapAt(i, j)
        }
        var truth = [Double](repeating: 0, count: d)
        for i in 0..<k { truth[order[i]] = rng.nextNormal() }
        func labels(_ z: [Double], rows: Int) -> [Double] {
            (0..<rows).map { r in
                var s = 0.0
                for c in 0..<d { s += z[r * d + c] * truth[c] }
                return s + sigma * rng.nextNormal()
            }
        }
        let y = labels(design, rows: n)
        let testDesign = (0..<(m * d)).map { _ in rng.nextNormal() }
        let testLabels = labels(testDesign, rows: m)
        return RegressionData(
            samples: n, dimension: d, design: design, labels: y, truth: truth,
            testDesign: testDesign, testLabels: testLabels
        )
    }
}

extension SparseRegressionTrainer {
    /// The support margin min sign(x*_i)·x_i over the true support {i : x*_i ≠ 0}: above a
    /// threshold when every true entry has grown past it with the right sign, negative while one
    /// has the wrong sign; nil when x* is unknown or has no nonzero.
    func supportMargin() -> Double? {
        guard let truth = data.truth else { return nil }
        var smallest: Double?
        for i in 0..<dimension where truth[i] != 0 {
            smallest = min(smallest ?? .infinity, truth[i] > 0 ? predictor[i] : -predictor[i])
        }
        return smallest
    }

    /// Whether true entries escaped to 0 during training and whether they came back, when x* is
    /// known and has a nonzero (``predictionMetrics()``'s neighbour in ``metrics()``):
    ///
    /// - `support_margin`: ``supportMargin()`` now; `support_lost`: how many true entries have
    ///   |x_i| ≤ thresholds[0] now;
    /// - `support_escape_step`: the first recorded curve step whose `support_margin` is
    ///   ≤ thresholds[0] after an earlier curve point where it was above (every true entry had
    ///   grown past the threshold with its sign, then one fell back): early sign changes on the way
    ///   to the support do not count. The resolution is that of the log-spaced curve, and the
    ///   metric is absent when no curve point shows an escape. With it,
    ///   `support_escape_lambda_integral`: Λ at that point. An escape with `support_lost` = 0 at
    ///   the end means the entries grew back.
    func supportEscapeMetrics() -> [String: Double] {
        guard let margin = supportMargin(), let truth = data.truth else { return [:] }
        let threshold = config.thresholds[0]
        var lost = 0
        for i in 0..<dimension where truth[i] != 0 && predictor[i].magnitude <= threshold { lost += 1 }
        var result = ["support_margin": margin, "support_lost": Double(lost)]
        var reached = false
        for point in curves {
            guard let pointMargin = point.metrics["support_margin"] else { continue }
            if pointMargin > threshold {
                reached = true
            } else if reached {
                result["support_escape_step"] = Double(point.step)
                result["support_escape_lambda_integral"] = point.metrics["lambda_integral"]
                break
            }
        }
        return result
    }
}

import CKernels

/// A ReLU multilayer perceptron with a softmax cross-entropy loss, its dense layers through
/// `ck_matrix_multiply` (the same bits on every instruction set).
///
/// `layerSizes` = [inputs, hidden widths…, classes]; layer l maps sizes[l] to sizes[l + 1] by
/// z = a·Xₗᵀ + bₗ, followed by ReLU on every layer but the last. Every weight matrix Xₗ
/// (sizes[l + 1] × sizes[l], row-major) is reparameterized: x = w (`direct`), x = m ⊙ w
/// (`mask-weight`) or x = sign(w)·max(|w| − sigmoid(s_l), 0) with one learned threshold parameter
/// s_l per layer (`str`, ``MLP/refreshSoftThreshold()``); the biases bₗ are plain parameters. All
/// weights of all layers form one flat vector, layer by layer; so do the biases.
///
/// Initialization, from one generator: x_init ~ N(0, 2/sizes[l]) (He-normal), drawn layer by
/// layer in row-major order; `direct` and `str` set w = x_init (`str` also s_l = `thresholdInit`),
/// `mask-weight` applies ``pilotInitialization(x:scale:)`` with β = `initScale`; biases start at 0.
///
/// Scratch space for a minibatch grows on demand and is then reused, so a training step
/// allocates nothing.
public final class MLP {
    /// [inputs, hidden widths…, classes].
    public let layerSizes: [Int]
    /// `direct`, `mask-weight` or `str`.
    public let parameterization: ParameterizationKind
    /// The number of weights over all layers.
    public let weightCount: Int
    /// The number of biases over all layers.
    public let biasCount: Int

    let layers: Int
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    /// Row offsets of each layer's output inside one row of the activation scratch.
    let activationOffsets: [Int]
    let activationWidth: Int
    let widest: Int

    /// The instruction set of the matrix products.
    let isa: ck_isa

    /// m (mask-weight only; empty for direct).
    let mask: UnsafeMutableBufferPointer<Double>
    let weight: UnsafeMutableBufferPointer<Double>
    let bias: UnsafeMutableBufferPointer<Double>
    /// s_l, the threshold parameter of each layer (str only; empty otherwise).
    let threshold: UnsafeMutableBufferPointer<Double>
    /// x, the weights the forward pass uses: m ⊙ w, a copy of w, or w soft-thresholded.
    let effective: UnsafeMutableBufferPointer<Double>
    /// ∂loss/∂x and ∂loss/∂b of the last ``backward(inputs:rows:)``.
    let weightGradient: UnsafeMutableBufferPointer<Double>
    let biasGradient: UnsafeMutableBufferPointer<Double>
    /// The heavy-ball velocity laid out as [m, w, b, s] (m only for mask-weight, s only for str).
    let velocity: UnsafeMutableBufferPointer<Double>

    var capacity = 0
    var activations = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    var delta = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    var deltaSpare = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)

    /// A network of `layerSizes` with every parameter 0, its matrix products on `instructionSet`.
    init(layerSizes: [Int], parameterization: ParameterizationKind, instructionSet: InstructionSet) {
        precondition(layerSizes.count >= 2 && layerSizes.allSatisfy { $0 >= 1 }, "an MLP needs inputs, classes and positive widths")
        precondition([.direct, .maskWeight, .str].contains(parameterization), "an MLP is direct, mask-weight or str")
        self.layerSizes = layerSizes
        self.parameterization = parameterization
        isa = instructionSet.isa
        layers = layerSizes.count - 1
        var w = [0], b = [0], a = [0]
        for l in 0..<layers {
            w.append(w[l] + layerSizes[l] * layerSizes[l + 1])
            b.append(b[l] + layerSizes[l + 1])
            a.append(a[l] + layerSizes[l + 1])
        }
        weightOffsets = w
        biasOffsets = b
        activationOffsets = a
        weightCount = w[layers]
        biasCount = b[layers]
        activationWidth = a[layers]
        widest = layerSizes.max()!

        func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
            p.initialize(repeating: 0)
            return p
        }
        let masked = parameterization == .maskWeight
        let thresholded = parameterization == .str
        mask = buffer(masked ? weightCount : 0)
        threshold = buffer(thresholded ? layers : 0)
        weight = buffer(weightCount)
        bias = buffer(biasCount)
        effective = buffer(weightCount)
        weightGradient = buffer(weightCount)
        biasGradient = buffer(biasCount)
        velocity = buffer((masked ? 2 : 1) * weightCount + biasCount + threshold.count)
    }

    /// A network of `layerSizes` (at least inputs and classes) initialized from `generator`, its
    /// matrix products on `instructionSet`; `thresholdInit` is s₀ of `str`.
    public convenience init(
        layerSizes: [Int], parameterization: ParameterizationKind, initScale: Double, generator: inout Xoshiro256StarStar,
        instructionSet: InstructionSet = .native, thresholdInit: Double = TrialConfig.defaultSTRThresholdInit
    ) {
        self.init(layerSizes: layerSizes, parameterization: parameterization, instructionSet: instructionSet)
        let masked = parameterization == .maskWeight
        for l in 0..<layers {
            let std = (2 / Double(layerSizes[l])).squareRoot()
            for i in weightOffsets[l]..<weightOffsets[l + 1] {
                let x = std * generator.nextNormal()
                effective[i] = x
                if masked {
                    let (m, v) = pilotInitialization(x: x, scale: initScale)
                    mask[i] = m
                    weight[i] = v
                    effective[i] = m * v
                } else {
                    weight[i] = x
                }
            }
        }
        if parameterization == .str {
            threshold.update(repeating: thresholdInit)
            refreshSoftThreshold()
        }
    }

    deinit {
        for b in [mask, weight, bias, threshold, effective, weightGradient, biasGradient, velocity, activations, delta, deltaSpare] {
            b.deallocate()
        }
    }

    /// The factors that hold each weight: 2 for mask-weight, 1 for direct and str.
    public var factorCount: Int { parameterization == .maskWeight ? 2 : 1 }

    /// The effective weights x of all layers, layer by layer, each row-major.
    public var effectiveWeights: [Double] { Array(effective) }

    /// All trained parameters in one vector: m (mask-weight only), then w, then the biases, then
    /// the thresholds s_l (str only).
    public var parameters: [Double] {
        get { Array(mask) + Array(weight) + Array(bias) + Array(threshold) }
        set {
            precondition(newValue.count == velocity.count, "expected \(velocity.count) parameters")
            var k = 0
            for target in [mask, weight, bias, threshold] {
                for i in 0..<target.count {
                    target[i] = newValue[k]
                    k += 1
                }
            }
            refreshEffective()
        }
    }

    /// Rewrites x from the factors.
    func refreshEffective() {
        if parameterization == .maskWeight {
            for i in 0..<weightCount { effective[i] = mask[i] * weight[i] }
        } else if parameterization == .str {
            refreshSoftThreshold()
        } else {
            effective.baseAddress!.update(from: weight.baseAddress!, count: weightCount)
        }
    }

    /// Makes room for minibatches of `rows` rows.
    func reserve(rows: Int) {
        guard rows > capacity else { return }
        for b in [activations, delta, deltaSpare] { b.deallocate() }
        capacity = rows
        activations = .allocate(capacity: rows * activationWidth)
        delta = .allocate(capacity: rows * widest)
        deltaSpare = .allocate(capacity: rows * widest)
    }

    /// The output of layer l (post-ReLU for hidden layers, logits for the last) for `rows` rows.
    func output(of l: Int) -> UnsafeMutablePointer<Double> {
        activations.baseAddress! + capacity * activationOffsets[l]
    }

    /// Runs the network on `rows` rows of `inputs` (row-major); returns the logits, rows × classes.
    @discardableResult
    func forward(inputs: UnsafePointer<Double>, rows: Int) -> UnsafeMutablePointer<Double> {
        reserve(rows: rows)
        var input = inputs
        for l in 0..<layers {
            let inWidth = layerSizes[l], outWidth = layerSizes[l + 1]
            let z = output(of: l)
            let b = bias.baseAddress! + biasOffsets[l]
            for r in 0..<rows { (z + r * outWidth).update(from: b, count: outWidth) }
            ck_matrix_multiply(
                isa, 0, 1, rows, outWidth, inWidth, 1, input, inWidth, effective.baseAddress! + weightOffsets[l], inWidth, 1, z, outWidth)
            if l < layers - 1 {
                for k in 0..<(rows * outWidth) where z[k] < 0 { z[k] = 0 }
            }
            input = UnsafePointer(z)
        }
        return output(of: layers - 1)
    }

    /// The summed cross-entropy and the number of correct argmax predictions of the last forward
    /// pass over `rows` rows; with `writesDelta` it also stores (softmax − onehot)/rows in `delta`.
    func crossEntropy(labels: UnsafePointer<Int>, rows: Int, writesDelta: Bool) -> (loss: Double, correct: Int) {
        let classes = layerSizes[layers]
        let logits = output(of: layers - 1)
        var loss = 0.0
        var correct = 0
        let scale = 1 / Double(rows)
        for r in 0..<rows {
            let z = logits + r * classes
            var best = 0
            for c in 1..<classes where z[c] > z[best] { best = c }
            let top = z[best]
            var sum = 0.0
            for c in 0..<classes { sum += ck_exp(z[c] - top) }
            let logSum = top + ck_log(sum)
            let label = labels[r]
            loss += logSum - z[label]
            if best == label { correct += 1 }
            if writesDelta {
                let d = delta.baseAddress! + r * classes
                for c in 0..<classes { d[c] = ck_exp(z[c] - logSum) * scale }
                d[label] -= scale
            }
        }
        return (loss, correct)
    }

    /// Backpropagates `delta` (from ``crossEntropy(labels:rows:writesDelta:)``) through the last
    /// forward pass, writing ∂loss/∂x into `weightGradient` and ∂loss/∂b into `biasGradient`.
    func backward(inputs: UnsafePointer<Double>, rows: Int) {
        var upstream = delta.baseAddress!, spare = deltaSpare.baseAddress!
        for l in stride(from: layers - 1, through: 0, by: -1) {
            let inWidth = layerSizes[l], outWidth = layerSizes[l + 1]
            let a = l == 0 ? inputs : UnsafePointer(output(of: l - 1))
            ck_matrix_multiply(
                isa, 1, 0, outWidth, inWidth, rows, 1, upstream, outWidth, a, inWidth, 0, weightGradient.baseAddress! + weightOffsets[l], inWidth)
            let gb = biasGradient.baseAddress! + biasOffsets[l]
            gb.update(repeating: 0, count: outWidth)
            for r in 0..<rows {
                let d = upstream + r * outWidth
                for j in 0..<outWidth { gb[j] += d[j] }
            }
            if l > 0 {
                ck_matrix_multiply(
                    isa, 0, 0, rows, inWidth, outWidth, 1, upstream, outWidth, effective.baseAddress! + weightOffsets[l], inWidth, 0, spare, inWidth)
                for k in 0..<(rows * inWidth) where a[k] <= 0 { spare[k] = 0 }
                swap(&upstream, &spare)
            }
        }
    }

    /// The mean cross-entropy of `inputs` (rows × inputs, row-major) and its gradient with respect
    /// to ``parameters`` (same layout); the loss alone, without any penalty.
    public func lossAndGradient(inputs: [Double], labels: [Int]) -> (loss: Double, gradient: [Double]) {
        let rows = labels.count
        let loss = inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                forward(inputs: x.baseAddress!, rows: rows)
                let loss = crossEntropy(labels: y.baseAddress!, rows: rows, writesDelta: true).loss
                backward(inputs: x.baseAddress!, rows: rows)
                return loss / Double(rows)
            }
        }
        var gradient: [Double] = []
        if parameterization == .maskWeight {
            gradient += (0..<weightCount).map { weightGradient[$0] * weight[$0] }
            gradient += (0..<weightCount).map { weightGradient[$0] * mask[$0] }
        } else if parameterization == .str {
            let (weights, thresholds) = softThresholdGradient()
            return (loss, weights + Array(biasGradient) + thresholds)
        } else {
            gradient += weightGradient
        }
        return (loss, gradient + Array(biasGradient))
    }

    /// Mean cross-entropy and accuracy over `rows` rows, evaluated in chunks of at most 512 rows.
    func evaluate(inputs: UnsafePointer<Double>, labels: UnsafePointer<Int>, rows: Int) -> (loss: Double, accuracy: Double) {
        guard rows > 0 else { return (.nan, .nan) }
        let features = layerSizes[0]
        var loss = 0.0
        var correct = 0
        var start = 0
        while start < rows {
            let count = min(512, rows - start)
            forward(inputs: inputs + start * features, rows: count)
            let part = crossEntropy(labels: labels + start, rows: count, writesDelta: false)
            loss += part.loss
            correct += part.correct
            start += count
        }
        return (loss / Double(rows), Double(correct) / Double(rows))
    }

    /// Mean cross-entropy and accuracy of the current network on `inputs` and `labels`.
    public func evaluate(inputs: [Double], labels: [Int]) -> (loss: Double, accuracy: Double) {
        inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in evaluate(inputs: x.baseAddress!, labels: y.baseAddress!, rows: y.count) }
        }
    }
}

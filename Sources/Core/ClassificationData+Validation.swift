extension ClassificationData {
    /// The set with its last `count` training rows moved, in order, to the end of the validation
    /// rows; training keeps the first n − `count`.
    public func holdingOut(validation count: Int) -> ClassificationData {
        let kept = trainSamples - count
        var result = self
        result.trainInputs = Array(trainInputs[..<(kept * features)])
        result.trainLabels = Array(trainLabels[..<kept])
        result.validationInputs += trainInputs[(kept * features)...]
        result.validationLabels += trainLabels[kept...]
        return result
    }
}

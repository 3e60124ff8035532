/// Class probabilities from a classifier's logits, for models whose output stops before the softmax: the
/// arithmetic of the float SOFTMAX and LOGISTIC kernels, so a card's `scores = logits` gives what the model
/// would with that operator appended.
public enum ClassProbabilities {
  /// Softmax over `logits`; for a single logit, the logistic function, the probability of that one class.
  public static func fromLogits(_ logits: [Float]) -> [Float] {
    if logits.count == 1 { return [FloatUnaryPlan.logistic(logits[0])] }
    guard !logits.isEmpty else { return [] }
    var probabilities = [Float](repeating: 0, count: logits.count)
    logits.withUnsafeBufferPointer { x in
      probabilities.withUnsafeMutableBufferPointer { y in
        FloatSoftmaxPlan(rows: 1, depth: x.count, beta: 1).eval(input: x.baseAddress!, output: y.baseAddress!)
      }
    }
    return probabilities
  }
}

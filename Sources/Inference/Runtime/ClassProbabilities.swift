/// Class probabilities from a classifier's logits, for models whose output stops before the softmax. In Inference
/// because it needs the C library's `expf` (declared in Kernels/LibM.swift); it runs once per inference on a
/// handful of values, so it is written for clarity.
public enum ClassProbabilities {
  /// Softmax over `logits` (the largest is subtracted first, so no `expf` overflows); for a single logit, the
  /// logistic function, the probability of that one class.
  public static func fromLogits(_ logits: [Float]) -> [Float] {
    if logits.count == 1 { return [1 / (1 + floatExp(-logits[0]))] }
    guard let largest = logits.max() else { return [] }
    let exponentials = logits.map { floatExp($0 - largest) }
    let sum = exponentials.reduce(0, +)
    return exponentials.map { $0 / sum }
  }
}

/// A score threshold chosen on this data to reach a target, with both metrics at it (a capture is called a
/// finding when its score ≥ `threshold`). Chosen on the evaluation data, so optimistic for new data.
public struct OperatingPoint: Sendable, Equatable {
  public enum Target: Sendable, Equatable {
    case sensitivity(Double)
    case specificity(Double)
  }

  public var target: Target
  public var threshold: Double
  public var sensitivity: Proportion
  public var specificity: Proportion

  /// The highest threshold whose sensitivity reaches the target (so the best specificity among those that
  /// do), or the lowest threshold whose specificity reaches it. Nil without both classes.
  public init?(target: Target, scores: [Double], truth: [Bool]) {
    let positives = zip(scores, truth).filter { $0.1 }.map { $0.0 }.sorted(by: >)
    let negatives = zip(scores, truth).filter { !$0.1 }.map { $0.0 }.sorted()
    guard !positives.isEmpty, !negatives.isEmpty else { return nil }
    switch target {
    case .sensitivity(let wanted):
      let needed = min(positives.count, max(1, Int((wanted * Double(positives.count)).rounded(.up))))
      threshold = positives[needed - 1]
    case .specificity(let wanted):
      let needed = min(negatives.count, max(0, Int((wanted * Double(negatives.count)).rounded(.up))))
      if needed == 0 {
        threshold = negatives[0]
      } else {
        // Anything above the needed-th lowest negative score; report the next observed score, if any.
        let bound = negatives[needed - 1]
        threshold = scores.filter { $0 > bound }.min() ?? bound.nextUp
      }
    }
    self.target = target
    let threshold = threshold
    sensitivity = Proportion(successes: positives.count { $0 >= threshold }, total: positives.count)
    specificity = Proportion(successes: negatives.count { $0 < threshold }, total: negatives.count)
  }
}

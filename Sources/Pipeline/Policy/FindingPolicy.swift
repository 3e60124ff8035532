/// Turns a model's class scores into an outcome, following its model card.
///
/// - finding: some finding label's score is at or above its threshold. If several are, the highest score
///   decides (the first label in output order on a tie).
/// - uncertain: no finding, but some finding label's score lies in the band `[threshold − margin, threshold)`:
///   close enough to call for a human's review. The highest such score decides.
/// - negative: neither. The label reported is the top-scoring one overall, for the record.
///
/// Scores that are not finite, or not one per label, make a `.failed` decision rather than a guess.
public struct FindingPolicy: Equatable, Sendable {
  /// A finding label and the score at which it becomes a finding.
  public struct Rule: Equatable, Sendable {
    /// The label's position in the model's output.
    public var index: Int
    public var label: String
    public var threshold: Float

    public init(index: Int, label: String, threshold: Float) {
      self.index = index
      self.label = label
      self.threshold = threshold
    }
  }

  /// Every label, in the model's output order.
  public let labels: [String]
  /// The finding labels, in output order.
  public let rules: [Rule]
  /// The width of the uncertain band below each threshold.
  public let uncertainMargin: Float

  /// The policy for `labels` with `thresholds` for its finding labels, or nil if there are no labels, a threshold
  /// names no label or lies outside (0, 1], or the margin lies outside [0, 1).
  public init?(labels: [String], thresholds: [String: Float], uncertainMargin: Float) {
    guard !labels.isEmpty, uncertainMargin >= 0, uncertainMargin < 1,
      thresholds.allSatisfy({ labels.contains($0.key) && $0.value > 0 && $0.value <= 1 })
    else { return nil }
    self.labels = labels
    rules = labels.enumerated().compactMap { index, label in
      thresholds[label].map { Rule(index: index, label: label, threshold: $0) }
    }
    self.uncertainMargin = uncertainMargin
  }

  /// The decision for one capture's `scores`, one per label in output order.
  public func decide(scores: [Float]) -> Decision {
    guard scores.count == labels.count else {
      return Decision(
        outcome: .failed, label: nil, score: nil,
        reason: "the model gave \(scores.count) scores for \(labels.count) labels")
    }
    guard scores.allSatisfy({ $0.isFinite }) else {
      return Decision(outcome: .failed, label: nil, score: nil, reason: "the model's scores are not finite")
    }
    if let rule = highest(rules.filter { scores[$0.index] >= $0.threshold }, scores) {
      return Decision(outcome: .finding, label: rule.label, score: scores[rule.index])
    }
    if let rule = highest(rules.filter { scores[$0.index] >= $0.threshold - uncertainMargin }, scores) {
      return Decision(
        outcome: .uncertain, label: rule.label, score: scores[rule.index],
        reason: "score within \(uncertainMargin) below the threshold \(rule.threshold)")
    }
    // labels, and so scores, are never empty.
    let top = scores.indices.max(by: { scores[$0] < scores[$1] }) ?? 0
    return Decision(outcome: .negative, label: labels[top], score: scores[top])
  }

  /// The rule with the highest score, the first on a tie.
  private func highest(_ candidates: [Rule], _ scores: [Float]) -> Rule? {
    candidates.reduce(nil) { best, rule in
      guard let best else { return rule }
      return scores[rule.index] > scores[best.index] ? rule : best
    }
  }
}

/// One calibration group: captures of similar score, their mean score against how many truly were findings.
public struct CalibrationBin: Sendable, Equatable {
  public var lowestScore: Double
  public var highestScore: Double
  public var count: Int
  public var meanScore: Double
  public var observed: Proportion
}

/// Groups captures into `groups` quantile groups of the score (deciles by default: equal counts, so a model
/// whose scores crowd near 0 and 1 still gets informative groups; tied scores may straddle two groups).
func calibration(scores: [Double], truth: [Bool], groups: Int) -> [CalibrationBin] {
  let order = scores.indices.sorted { scores[$0] < scores[$1] }
  let groups = max(1, min(groups, order.count))
  return (0..<groups).compactMap { group in
    let slice = order[(group * order.count / groups)..<((group + 1) * order.count / groups)]
    guard let first = slice.first, let last = slice.last else { return nil }
    let findings = slice.count { truth[$0] }
    return CalibrationBin(
      lowestScore: scores[first], highestScore: scores[last], count: slice.count,
      meanScore: slice.reduce(0) { $0 + scores[$1] } / Double(slice.count),
      observed: Proportion(successes: findings, total: slice.count))
  }
}

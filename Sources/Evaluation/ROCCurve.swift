/// The ROC curve of finding scores (a capture is called a finding when its score ≥ the threshold), and the
/// area under it with DeLong's variance (DeLong, DeLong & Clarke-Pearson 1988), computed from midranks as in
/// Sun & Xu 2014 so that tied scores count one half. Undefined (nil) without both classes.
public struct ROCCurve: Sendable {
  /// From (0, 0) to (1, 1), one point per distinct score, thresholds descending.
  public var points: [Point]
  public var area: Double
  /// The 95% interval AUC ± z·√var, clipped to [0, 1].
  public var interval: Interval
  /// DeLong's variance estimate of the area.
  public var variance: Double

  public struct Point: Sendable, Equatable {
    public var falsePositiveRate: Double
    public var truePositiveRate: Double
    /// The score threshold reaching this point (+∞ for the origin).
    public var threshold: Double
  }

  public init?(scores: [Double], truth: [Bool]) {
    let positives = zip(scores, truth).filter { $0.1 }.map { $0.0 }
    let negatives = zip(scores, truth).filter { !$0.1 }.map { $0.0 }
    let m = Double(positives.count)
    let n = Double(negatives.count)
    guard m > 0, n > 0 else { return nil }

    let all = midranks(positives + negatives)
    let withinPositives = midranks(positives)
    let withinNegatives = midranks(negatives)
    // V10: for each positive, the share of negatives it outranks; V01: for each negative, the share of
    // positives that outrank it (ties count one half in both).
    let v10 = positives.indices.map { (all[$0] - withinPositives[$0]) / n }
    let v01 = negatives.indices.map { 1 - (all[positives.count + $0] - withinNegatives[$0]) / m }
    area = v10.reduce(0, +) / m
    variance = sampleVariance(v10) / m + sampleVariance(v01) / n
    let half = Proportion.z95 * variance.squareRoot()
    interval = Interval(low: max(0, area - half), high: min(1, area + half))

    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    points = [Point(falsePositiveRate: 0, truePositiveRate: 0, threshold: .infinity)]
    var truePositives = 0.0
    var falsePositives = 0.0
    for (rank, index) in order.enumerated() {
      if truth[index] { truePositives += 1 } else { falsePositives += 1 }
      let next = rank + 1 < order.count ? scores[order[rank + 1]] : -.infinity
      if next != scores[index] {
        points.append(
          Point(falsePositiveRate: falsePositives / n, truePositiveRate: truePositives / m, threshold: scores[index]))
      }
    }
  }
}

/// 1-based ranks of `values` in ascending order, ties given the mean of the ranks they span.
func midranks(_ values: [Double]) -> [Double] {
  let order = values.indices.sorted { values[$0] < values[$1] }
  var ranks = [Double](repeating: 0, count: values.count)
  var start = 0
  while start < order.count {
    var end = start
    while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
    let rank = Double(start + end) / 2 + 1
    for k in start...end { ranks[order[k]] = rank }
    start = end + 1
  }
  return ranks
}

/// The unbiased sample variance (n − 1 denominator); 0 for fewer than two values.
func sampleVariance(_ values: [Double]) -> Double {
  guard values.count > 1 else { return 0 }
  let mean = values.reduce(0, +) / Double(values.count)
  return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
}

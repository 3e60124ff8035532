/// A two-sided confidence interval.
public struct Interval: Sendable, Equatable {
  public var low: Double
  public var high: Double

  public init(low: Double, high: Double) {
    self.low = low
    self.high = high
  }
}

/// A proportion with its Wilson score interval (Wilson 1927), which stays inside [0, 1] and behaves at 0 and
/// n successes, unlike the Wald interval. An empty proportion has value and bounds NaN.
public struct Proportion: Sendable, Equatable {
  public var successes: Int
  public var total: Int
  public var value: Double
  public var interval: Interval

  /// The 97.5th percentile of the standard normal distribution: a 95% two-sided interval.
  public static let z95 = 1.959_963_984_540_054

  public init(successes: Int, total: Int, z: Double = Proportion.z95) {
    self.successes = successes
    self.total = total
    guard total > 0 else {
      value = .nan
      interval = Interval(low: .nan, high: .nan)
      return
    }
    let n = Double(total)
    let p = Double(successes) / n
    let z2 = z * z
    let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    value = p
    interval = Interval(low: max(0, centre - half), high: min(1, centre + half))
  }

  public var isDefined: Bool { total > 0 }
}

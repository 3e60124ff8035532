/// Truth (finding or not) against the policy's calls: finding, negative, and referred (an uncertain score, or
/// the rare rejected or failed capture: a person has to look at it), counted here as "uncertain".
public struct ConfusionMatrix: Sendable, Equatable {
  public var truePositives = 0
  public var falseNegatives = 0
  /// Findings the policy called uncertain (referred: counted as positive calls).
  public var uncertainPositives = 0
  public var trueNegatives = 0
  public var falsePositives = 0
  /// Negatives the policy called uncertain.
  public var uncertainNegatives = 0

  public init() {}

  init(_ records: [EvaluationRecord]) {
    for record in records {
      switch (record.isFinding, record.call) {
      case (true, .finding): truePositives += 1
      case (true, .negative): falseNegatives += 1
      case (true, .referred): uncertainPositives += 1
      case (false, .negative): trueNegatives += 1
      case (false, .finding): falsePositives += 1
      case (false, .referred): uncertainNegatives += 1
      }
    }
  }

  public var positives: Int { truePositives + falseNegatives + uncertainPositives }
  public var negatives: Int { trueNegatives + falsePositives + uncertainNegatives }
  public var total: Int { positives + negatives }
  public var uncertain: Int { uncertainPositives + uncertainNegatives }

  public var sensitivity: Proportion { Proportion(successes: truePositives + uncertainPositives, total: positives) }
  public var specificity: Proportion { Proportion(successes: trueNegatives, total: negatives) }
  /// Among positive calls (findings and referrals), the share that are findings.
  public var positivePredictiveValue: Proportion {
    Proportion(
      successes: truePositives + uncertainPositives,
      total: truePositives + uncertainPositives + falsePositives + uncertainNegatives)
  }
  public var negativePredictiveValue: Proportion {
    Proportion(successes: trueNegatives, total: trueNegatives + falseNegatives)
  }
  public var uncertainRate: Proportion { Proportion(successes: uncertain, total: total) }
}

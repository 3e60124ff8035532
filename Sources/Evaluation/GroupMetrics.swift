/// Everything measured on one set of captures (all of them, or one subgroup).
public struct GroupMetrics: Sendable {
  public var confusion: ConfusionMatrix
  public var sensitivity: Proportion
  public var specificity: Proportion
  public var positivePredictiveValue: Proportion
  public var negativePredictiveValue: Proportion
  /// Nil when the group lacks findings or negatives.
  public var roc: ROCCurve?
  public var calibration: [CalibrationBin]
  public var uncertainRate: Proportion

  init(_ records: [EvaluationRecord], calibrationGroups: Int) {
    confusion = ConfusionMatrix(records)
    sensitivity = confusion.sensitivity
    specificity = confusion.specificity
    positivePredictiveValue = confusion.positivePredictiveValue
    negativePredictiveValue = confusion.negativePredictiveValue
    uncertainRate = confusion.uncertainRate
    let scores = records.map { $0.score }
    let truth = records.map { $0.isFinding }
    roc = ROCCurve(scores: scores, truth: truth)
    calibration = Evaluation.calibration(scores: scores, truth: truth, groups: calibrationGroups)
  }
}

/// A subgroup's metrics and whether it falls short of the overall figures.
public struct SubgroupMetrics: Sendable {
  public var subgroup: Subgroup
  public var metrics: GroupMetrics
  /// Sensitivity below the overall sensitivity by more than the margin.
  public var sensitivityShortfall: Bool
  /// Specificity below the overall specificity by more than the margin.
  public var specificityShortfall: Bool

  public var isFlagged: Bool { sensitivityShortfall || specificityShortfall }
}

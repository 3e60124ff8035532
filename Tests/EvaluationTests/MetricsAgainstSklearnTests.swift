import Testing

@testable import Evaluation

/// 600 captures with many tied scores; reference values from scikit-learn and SciPy (tools/check-metrics.py).
@Test func metricsMatchScikitLearnOnARandomCase() throws {
  let records = try SklearnGolden.truth.indices.map { index in
    EvaluationRecord(
      isFinding: SklearnGolden.truth[index], score: SklearnGolden.scores[index],
      call: call(SklearnGolden.outcomes[index]))
  }
  let overall = evaluate(records: records).overall
  let roc = try #require(overall.roc)
  #expect(abs(roc.area - SklearnGolden.auc) < 1e-12)
  #expect(abs(roc.variance - SklearnGolden.aucVariance) < 1e-12)
  #expect(roc.points.count == SklearnGolden.rocFalsePositiveRates.count)
  for (point, (fpr, tpr)) in zip(
    roc.points, zip(SklearnGolden.rocFalsePositiveRates, SklearnGolden.rocTruePositiveRates))
  {
    #expect(abs(point.falsePositiveRate - fpr) < 1e-12 && abs(point.truePositiveRate - tpr) < 1e-12)
  }
  let proportions = [
    overall.sensitivity, overall.specificity, overall.positivePredictiveValue, overall.negativePredictiveValue,
  ]
  for (p, (value, low, high)) in zip(proportions, SklearnGolden.proportions) {
    #expect(abs(p.value - value) < 1e-12)
    #expect(abs(p.interval.low - low) < 1e-9 && abs(p.interval.high - high) < 1e-9)
  }
}

/// The golden's outcome names as the metrics count them: uncertain, rejected and failed are referrals.
private func call(_ outcome: String) -> Call {
  switch outcome {
  case "finding": .finding
  case "negative": .negative
  default: .referred
  }
}

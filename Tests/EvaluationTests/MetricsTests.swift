import Testing

@testable import Evaluation

/// Nine captures worked by hand (see the comments for the arithmetic); scores 0.6 tie across the classes.
private let handCase: [EvaluationRecord] =
  ([
    (true, 0.9, .finding), (true, 0.8, .finding), (true, 0.6, .referred), (true, 0.3, .negative),
    (false, 0.7, .finding), (false, 0.4, .negative), (false, 0.2, .negative), (false, 0.1, .negative),
    (false, 0.6, .referred),
  ] as [(Bool, Double, Call)]).map {
    EvaluationRecord(isFinding: $0.0, score: $0.1, call: $0.2)
  }

@Test func confusionMetricsMatchHandComputation() {
  let metrics = evaluate(records: handCase).overall
  let c = metrics.confusion
  #expect(
    [c.truePositives, c.uncertainPositives, c.falseNegatives, c.trueNegatives, c.falsePositives, c.uncertainNegatives]
      == [2, 1, 1, 3, 1, 1])
  // Uncertain counts as a positive call: sensitivity (2+1)/4, specificity 3/5, PPV 3/5, NPV 3/4.
  #expect(metrics.sensitivity.successes == 3 && metrics.sensitivity.total == 4)
  #expect(metrics.specificity.successes == 3 && metrics.specificity.total == 5)
  #expect(metrics.positivePredictiveValue.value == 0.6)
  #expect(metrics.negativePredictiveValue.value == 0.75)
  #expect(metrics.uncertainRate.successes == 2 && metrics.uncertainRate.total == 9)
}

@Test func aucCountsTiesAsHalfAndDeLongVarianceMatchesHandComputation() throws {
  let roc = try #require(evaluate(records: handCase).overall.roc)
  // Wins per positive: 5, 5, 3.5 (one tie), 2 of 20 pairs.
  #expect(abs(roc.area - 0.775) < 1e-12)
  // V10 = [1, 1, .7, .4] → S10 = .0825; V01 = [.5, .75, 1, 1, .625] → S01 = .05; var = .0825/4 + .05/5.
  #expect(abs(roc.variance - 0.030625) < 1e-12)
  #expect(abs(roc.interval.low - (0.775 - Proportion.z95 * 0.175)) < 1e-12)
  #expect(roc.interval.high == 1)
}

@Test func rocPointsStepThroughDistinctThresholds() throws {
  let roc = try #require(evaluate(records: handCase).overall.roc)
  let points = roc.points.map { [$0.falsePositiveRate, $0.truePositiveRate] }
  #expect(
    points == [[0, 0], [0, 0.25], [0, 0.5], [0.2, 0.5], [0.4, 0.75], [0.6, 0.75], [0.6, 1], [0.8, 1], [1, 1]])
  #expect(roc.points.map(\.threshold).dropFirst() == [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1])
}

@Test func allTiedScoresGiveHalfArea() throws {
  let records = (0..<10).map { EvaluationRecord(isFinding: $0 % 3 == 0, score: 0.5, call: .negative) }
  let roc = try #require(evaluate(records: records).overall.roc)
  #expect(roc.area == 0.5)
  #expect(roc.points.count == 2)
}

@Test func aucIsUndefinedWithOneClass() {
  let records = (0..<5).map { EvaluationRecord(isFinding: true, score: Double($0) / 5, call: .finding) }
  #expect(evaluate(records: records).overall.roc == nil)
  #expect(!evaluate(records: records).overall.specificity.isDefined)
}

@Test(arguments: [
  // From scipy: binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson").
  (0, 10, 0.0, 0.277_533), (10, 10, 0.722_467, 1.0), (5, 10, 0.236_593, 0.763_407),
  (81, 263, 0.255_289, 0.366_210), (15, 148, 0.062_386, 0.160_487),
])
func wilsonIntervalsMatchPublishedValues(successes: Int, total: Int, low: Double, high: Double) {
  let p = Proportion(successes: successes, total: total)
  #expect(abs(p.interval.low - low) < 5e-6)
  #expect(abs(p.interval.high - high) < 5e-6)
}

@Test func operatingPointsReachTheirTargets() throws {
  let report = evaluate(
    records: handCase, options: EvaluationOptions(targets: [.sensitivity(0.75), .specificity(0.8)]))
  let bySensitivity = try #require(report.operatingPoints.first)
  #expect(bySensitivity.threshold == 0.6)
  #expect(bySensitivity.sensitivity.value == 0.75 && bySensitivity.specificity.value == 0.6)
  let bySpecificity = try #require(report.operatingPoints.last)
  #expect(bySpecificity.threshold == 0.7)
  #expect(bySpecificity.specificity.value == 0.8 && bySpecificity.sensitivity.value == 0.5)
}

@Test func calibrationGroupsAreQuantilesWithObservedRates() {
  let records = (0..<20).map { EvaluationRecord(isFinding: $0 >= 15, score: Double($0) / 20, call: .negative) }
  let bins = evaluate(records: records, options: EvaluationOptions(calibrationGroups: 4)).overall.calibration
  #expect(bins.map(\.count) == [5, 5, 5, 5])
  #expect(bins.map(\.observed.value) == [0, 0, 0, 1])
  #expect(abs(bins[0].meanScore - 0.1) < 1e-12)
  #expect(bins[3].lowestScore == 0.75 && bins[3].highestScore == 0.95)
}

@Test func subgroupsOrderNaturally() {
  #expect(naturalOrder("site-2", "site-10"))
  #expect(!naturalOrder("site-10", "site-2"))
  #expect(naturalOrder("site-1", "site-1-hue"))
  #expect(naturalOrder("a", "b"))
}

import Testing

@testable import Evaluation

/// Three sites of 40 captures; site-3 misses half its findings, so only it falls short of the overall sensitivity.
@Test func flagsOnlyTheSubgroupThatFallsShort() throws {
  var records: [EvaluationRecord] = []
  for site in 1...3 {
    for index in 0..<40 {
      let isFinding = index < 20
      let missed = site == 3 && isFinding && index % 2 == 0
      let score = isFinding ? (missed ? 0.3 : 0.9) : 0.1
      records.append(
        EvaluationRecord(
          isFinding: isFinding, score: score, call: score > 0.5 ? .finding : .negative,
          subgroups: [Subgroup("site", "site-\(site)")]))
    }
  }
  let report = evaluate(records: records)
  #expect(report.subgroups.map(\.subgroup.value) == ["site-1", "site-2", "site-3"])
  #expect(report.flagged.map(\.subgroup.value) == ["site-3"])
  let site3 = try #require(report.flagged.first)
  #expect(site3.sensitivityShortfall && !site3.specificityShortfall)
  #expect(site3.metrics.sensitivity.value == 0.5)
  #expect(report.text.contains("FLAGGED site=site-3: sensitivity 0.500 vs 0.833 overall"))
}

@Test func marginControlsFlagging() {
  let records = (0..<40).map { index in
    EvaluationRecord(
      isFinding: index < 20, score: 0.5, call: index < 19 || index >= 20 && index < 20 ? .finding : .negative,
      subgroups: [Subgroup("site", index % 2 == 0 ? "a" : "b")])
  }
  // Site b holds the one missed finding: sensitivity 0.9 against 0.95 overall, a 0.05 gap.
  #expect(evaluate(records: records, options: EvaluationOptions(margin: 0.04)).flagged.map(\.subgroup.value) == ["b"])
  #expect(evaluate(records: records, options: EvaluationOptions(margin: 0.06)).flagged.isEmpty)
}

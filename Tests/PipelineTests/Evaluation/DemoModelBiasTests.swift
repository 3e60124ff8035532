import Foundation
import Testing

@testable import Pipeline

/// The demo model on a set with a stain-shifted site it never saw (models/demo/shifted-scores.csv: scores
/// from LiteRT's reference int8 kernels, written by models/demo/train.py). The report must flag that site and
/// only it. Outcomes follow the card's threshold and uncertain margin.
/// TODO(interpreter): score the captures through `Classifier` once the Interpreter is on main, instead of
/// reading LiteRT's scores.
@Test func reportFlagsTheStainShiftedSite() throws {
  let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../models/demo").standardized.path
  let card = try String(contentsOfFile: demo + "/model.conf", encoding: .utf8)
  func value(_ key: String) throws -> Double {
    let line = try #require(card.split(separator: "\n").first { $0.hasPrefix(key + " = ") })
    return try #require(Double(line.dropFirst(key.count + 3)))
  }
  let threshold = try value("ring_stage")
  let margin = try value("uncertain_margin")

  let text = try String(contentsOfFile: demo + "/shifted-scores.csv", encoding: .utf8)
  let records = try text.split(separator: "\n").dropFirst().map { line in
    let fields = line.split(separator: ",")
    let score = try #require(Double(fields[3]))
    let outcome: Outcome = score >= threshold ? .finding : score >= threshold - margin ? .uncertain : .negative
    return EvaluationRecord(
      isFinding: fields[1] == "finding", score: score, decision: outcome,
      subgroups: [Subgroup("site", String(fields[2]))])
  }
  let report = evaluate(records: records)
  #expect(report.subgroups.map { $0.subgroup.value } == ["site-1", "site-2", "site-3", "site-4-hue"])
  #expect(report.flagged.map { $0.subgroup.value } == ["site-4-hue"])
  for group in report.subgroups where !group.isFlagged {
    #expect(group.metrics.sensitivity.value >= 0.95 && group.metrics.specificity.value >= 0.95)
  }

  let directory = NSTemporaryDirectory() + "edgediag-report-check"
  try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  try report.html(title: "demo-malaria-smear 1.0.0", subtitle: "Synthetic test set with a stain-shifted site")
    .write(toFile: directory + "/demo-shifted.html", atomically: true, encoding: .utf8)
}

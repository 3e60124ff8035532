import Foundation
import Testing

@testable import Evaluation
@testable import Synthesis

/// Four sites of 150 captures with scores spread like a real model's; site-4 misses a third of its findings.
private let sample: [EvaluationRecord] = {
  var random = SplitMix64(seed: 42)
  var records: [EvaluationRecord] = []
  for site in 1...4 {
    for index in 0..<150 {
      let isFinding = index % 2 == 0
      let weak = site == 4 && isFinding && random.chance(0.35)
      let centre: Float = isFinding ? (weak ? 0.3 : 0.85) : 0.12
      let score = Double(clamp(centre + 0.12 * random.normal(), 0, 1))
      let call: Call = score >= 0.5 ? .finding : score >= 0.4 ? .referred : .negative
      records.append(
        EvaluationRecord(
          isFinding: isFinding, score: score, call: call, subgroups: [Subgroup("site", "site-\(site)")]))
    }
  }
  return records
}()

@Test func jsonHoldsOverallMetricsWithIntervalsAndSubgroups() throws {
  let report = evaluate(records: sample)
  let object = try #require(
    try JSONSerialization.jsonObject(with: Data(report.json.rendered.utf8)) as? [String: Any])
  let overall = try #require(object["overall"] as? [String: Any])
  for key in ["sensitivity", "specificity", "ppv", "npv", "auc"] {
    let metric = try #require(overall[key] as? [String: Any], "\(key)")
    let value = try #require(metric["value"] as? Double)
    let ci = try #require(metric["ci"] as? [String: Double])
    #expect(try #require(ci["low"]) <= value && value <= (try #require(ci["high"])))
  }
  let subgroups = try #require(object["subgroups"] as? [[String: Any]])
  #expect(subgroups.map { $0["value"] as? String } == ["site-1", "site-2", "site-3", "site-4"])
  #expect(subgroups.map { $0["flagged"] as? Bool } == [false, false, false, true])
  #expect((subgroups[3]["shortfalls"] as? [String]) == ["sensitivity"])
}

@Test func htmlIsSelfContainedAndHighlightsFlaggedSubgroups() {
  let html = evaluate(records: sample).html(title: "Demo <model>", subtitle: "synthetic test set")
  #expect(html.hasPrefix("<!doctype html>"))
  #expect(html.contains("<title>Demo &lt;model&gt;</title>"))
  #expect(html.contains("1 subgroup falls short"))
  #expect(html.contains("<tr class=\"flagged\">"))
  #expect(html.components(separatedBy: "<svg").count - 1 == 2 + 2 * 5)  // ROC, calibration, 2 forests per row
  for external in ["<script", "src=", "href=", "@import", "url("] { #expect(!html.contains(external)) }
  #expect(!html.lowercased().contains("nan"))
}

@Test func textSummaryNamesTheFlaggedSite() {
  let text = evaluate(records: sample).text
  #expect(text.contains("FLAGGED site=site-4: sensitivity"))
  #expect(text.contains("ROC AUC"))
  #expect(text.contains("(DeLong)"))
}

private let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

/// Opens the report in headless Chromium and renders it to PNG. Leaves report.html and report.png in
/// $TMPDIR/edgediag-report-check/ for a person to look at.
@Test(.enabled(if: chromium != nil, "needs Chromium (apt-get install chromium)"))
func htmlOpensInHeadlessChromiumWithoutErrors() throws {
  let directory = NSTemporaryDirectory() + "edgediag-report-check"
  try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  let page = directory + "/report.html"
  let png = directory + "/report.png"
  try? FileManager.default.removeItem(atPath: png)
  try evaluate(records: sample).html(title: "Evaluation report", subtitle: "constructed sample").write(
    toFile: page, atomically: true, encoding: .utf8)

  let process = Process()
  process.executableURL = URL(fileURLWithPath: try #require(chromium))
  process.arguments = [
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
    "--user-data-dir=" + directory + "/profile", "--window-size=1200,2600", "--screenshot=" + png,
    "file://" + page,
  ]
  let errors = Pipe()
  process.standardError = errors
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
  // Page errors reach the log as console messages; the page has no script, so there must be none.
  let consoleLines = log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
  #expect(consoleLines.isEmpty, "\(consoleLines)")
  let size = (try FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
  #expect(size > 50_000)
}

import Foundation
import Imaging
import Testing

@testable import Pipeline

@Test func parsesEvaluateArguments() throws {
  let arguments = try EvaluateArguments(arguments: [
    "--labels", "/data/set/labels.csv", "--json", "--html", "/tmp/r.html", "--margin", "0.1",
    "--target-sensitivity", "0.9",
  ])
  #expect(arguments.labelsPath == "/data/set/labels.csv" && arguments.captureDirectory == "/data/set")
  #expect(arguments.json && arguments.htmlPath == "/tmp/r.html" && arguments.configPath == nil)
  #expect(arguments.options.margin == 0.1 && arguments.options.targets == [.sensitivity(0.9)])
  #expect(try EvaluateArguments(arguments: ["--labels", "labels.csv"]).captureDirectory == ".")
}

@Test(arguments: [
  (["--json"], "--labels is required"), (["--labels"], "--labels needs a value"),
  (["--labels", "l.csv", "--margin", "2"], "--margin: '2' is not a number in 0...1"),
  (["--labels", "l.csv", "--frobnicate", "1"], "unknown option '--frobnicate'"),
])
func rejectsBadEvaluateArguments(arguments: [String], message: String) {
  #expect {
    _ = try EvaluateArguments(arguments: arguments)
  } throws: { error in
    guard case .badArgument(let text) = error as? EvaluationError else { return false }
    return text.hasPrefix(message)
  }
}

/// A synthetic set scored by a crude real detector (the darkest green value of the decoded capture: ring
/// chromatin absorbs green most) — the records follow the labels file, and the detector is far from random.
@Test func buildsRecordsFromALabelledSet() throws {
  let directory = NSTemporaryDirectory() + "evaluate-\(UUID().uuidString)"
  defer { try? FileManager.default.removeItem(atPath: directory) }
  var options = SynthesisOptions(outputDirectory: directory, count: 40, seed: 5)
  options.width = 64
  options.height = 64
  options.sites = 2
  _ = try synthesize(options: options)

  let target = ImageTarget(width: 64, height: 64, color: .rgb, crop: .stretch)
  let records = try evaluationRecords(labelsPath: directory + "/labels.csv", captureDirectory: directory) { bytes in
    guard let image = try? decodeJPEG(bytes, target: target) else { return (.rejected, nil) }
    let darkest = stride(from: 1, to: image.pixels.count, by: 3).map { image.pixels[$0] }.min() ?? 255
    let score = 1 - Double(darkest) / 255
    return (score >= 0.5 ? .finding : .negative, score)
  }
  let rows = try LabelsTable.parse(String(contentsOfFile: directory + "/labels.csv", encoding: .utf8))
  #expect(records.map { $0.isFinding } == rows.map { $0.isFinding })
  #expect(records.map { $0.subgroups } == rows.map { [Subgroup("site", $0.site)] })
  #expect(try #require(evaluate(records: records).overall.roc).area > 0.7)
}

@Test func namesAMissingCapture() throws {
  let directory = NSTemporaryDirectory() + "evaluate-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: directory) }
  try "file,label,site\nmissing.jpg,finding,site-1\n".write(
    toFile: directory + "/labels.csv", atomically: true, encoding: .utf8)
  #expect(throws: EvaluationError.file(path: directory + "/missing.jpg", .noSuchFileOrDirectory)) {
    _ = try evaluationRecords(labelsPath: directory + "/labels.csv", captureDirectory: directory) { _ in
      (.negative, 0)
    }
  }
}

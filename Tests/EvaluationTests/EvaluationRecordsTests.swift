import Foundation
import Imaging
import Synthesis
import Testing

@testable import Evaluation

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
    guard let image = try? decodeJPEG(bytes, target: target) else { return (.referred, nil) }
    let darkest = stride(from: 1, to: image.pixels.count, by: 3).map { image.pixels[$0] }.min() ?? 255
    let score = 1 - Double(darkest) / 255
    return (score >= 0.5 ? .finding : .negative, score)
  }
  let rows = try LabelsTable.parse(String(contentsOfFile: directory + "/labels.csv", encoding: .utf8))
  #expect(records.map { $0.isFinding } == rows.map { $0.isFinding })
  #expect(records.map { $0.subgroups } == rows.map { [Subgroup("site", $0.site)] })
  let byQuality = try evaluationRecords(
    labelsPath: directory + "/labels.csv", captureDirectory: directory, subgroupColumns: ["site", "jpeg_quality"]
  ) { _ in (.negative, 0) }
  #expect(byQuality.map { $0.subgroups[1] } == rows.map { Subgroup("jpeg_quality", $0.columns["jpeg_quality"] ?? "?") })
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

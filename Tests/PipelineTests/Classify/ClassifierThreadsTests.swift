import Foundation
import Imaging
import Synthesis
import Testing

@testable import Pipeline

/// `[model] threads` reaches the classifier's interpreter: the demo model on synthetic captures classifies the
/// same, score for score, with its kernels split over 2 threads as on one.
@Test func classifierWithThreadsMatchesOneThread() throws {
  let card = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../models/demo/model.conf").standardized.path
  let loaded = try LoadedModel(cardPath: card)
  let directory = NSTemporaryDirectory() + "classifier-threads-\(UUID().uuidString)"
  defer { try? FileManager.default.removeItem(atPath: directory) }
  var options = SynthesisOptions(outputDirectory: directory, count: 6, seed: 7)
  options.width = 160
  options.height = 120
  _ = try synthesize(options: options)
  let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".jpg") }.sorted()
  #expect(files.count == 6)

  let serial = try Classifier(loaded, limits: DecodeLimits(), threads: 1)
  let threaded = try Classifier(loaded, limits: DecodeLimits(), threads: 2)
  for file in files {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)))
    let one = serial.classify(bytes)
    let two = threaded.classify(bytes)
    #expect(one.outcome != .rejected)
    #expect(one.scores == two.scores && one.outcome == two.outcome && one.label == two.label, "\(file)")
  }
}

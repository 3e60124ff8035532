import Foundation
import Testing

@testable import Pipeline

/// The daemon and `classify` take classifiers only: a model whose output is not one class-score vector is
/// refused at load, saying so.
@Test func modelWhoseOutputIsNotAScoreVectorIsRefused() throws {
  let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../models/suite/strided_slice_masks_int8.tflite").standardized.path
  var hash = SHA256()
  hash.update(FileManager.default.contents(atPath: model).map { [UInt8]($0) } ?? [])
  let card = NSTemporaryDirectory() + "loaded-model-\(UUID().uuidString).conf"
  defer { try? FileManager.default.removeItem(atPath: card) }
  try """
  [model]
  name = not-a-classifier
  version = 1
  file = \(model)
  sha256 = \(Hex.encode(hash.finalize()))
  input_range = -1..1
  crop = center-crop
  colour = rgb
  [labels]
  names = a, b
  findings = b
  [thresholds]
  b = 0.5
  [policy]
  uncertain_margin = 0
  """.write(toFile: card, atomically: true, encoding: .utf8)
  #expect {
    try LoadedModel(cardPath: card)
  } throws: { error in
    guard case ClassifierError.incompatible(_, let reason) = error else { return false }
    return reason.hasPrefix("its output is not a class-score vector") && reason.contains("[1, 5, 3]")
  }
}

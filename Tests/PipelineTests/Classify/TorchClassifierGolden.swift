import Foundation
import Inference
import TestSupport
import Testing

/// The golden scores of models/torch-classifier's int8 model (model.conf, `scores = logits`) on capture.jpg:
/// LiteRT's reference output dequantized into logits, and their softmax computed here in Float, independently
/// of the code under test.
enum TorchClassifierGolden {
  static let folder = ModelFolder("torch-classifier")

  /// The reference int8 output (capture.output.npy) dequantized with `model`'s output parameters.
  static func logits(of model: Model) throws -> [Float] {
    let quantization = try #require(model.tensors[model.outputs[0]].quantization)
    return try NumPyArray(npy: folder.file("capture.output.npy")).bytes.map {
      Float(Int32(Int8(bitPattern: $0)) - quantization.zeroPoints[0]) * quantization.scales[0]
    }
  }

  /// The softmax of `logits(of: model)`: the probabilities the thresholds compare with.
  static func probabilities(of model: Model) throws -> [Float] {
    let logits = try logits(of: model)
    let largest = try #require(logits.max())
    let exponentials = logits.map { Foundation.exp($0 - largest) }
    let sum = exponentials.reduce(0, +)
    return exponentials.map { $0 / sum }
  }
}

import Inference
import TestSupport
import Testing

/// Whole standard architectures (models/architectures, written by its generate.py: Keras applications and
/// hand-built segmentation, transformer and pre-activation nets at 96×96 with batch None, random weights, int8)
/// run on their golden input must reproduce LiteRT's reference kernels byte for byte. Models too large to commit are generated on demand; a model whose operators are not all
/// supported yet must fail with the one message that lists them.
@Suite struct ArchitectureGoldenTests {
  static let architectures = ModelFolder("architectures")
  static let committed = [
    "mobilenet_v1_0.25_96", "unet_96", "deeplab_96", "vit_2block_96", "preactivation_cnn_96",
  ]

  @Test(arguments: committed)
  func committedArchitectureIsPresent(name: String) {
    #expect(Self.architectures.names.contains(name), "models/architectures/\(name).tflite is missing")
  }

  @Test(arguments: architectures.names)
  func outputMatchesReferenceBitForBit(name: String) throws {
    let model: Model
    do {
      model = try Model(flatbuffer: Self.architectures.file(name + ".tflite"))
    } catch ModelError.unsupportedOperators(let missing) {
      #expect(!Self.committed.contains(name), "\(name): \(ModelError.unsupportedOperators(missing))")
      return
    }
    try Self.architectures.expectOutputMatchesReference(name, model: model)
  }
}

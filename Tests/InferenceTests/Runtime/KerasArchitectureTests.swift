import TestSupport
import Testing

let kerasArchitectures = ModelFolder(generated: "architectures/keras")

/// The standard Keras applications too large to commit (MobileNetV3Large, EfficientNetV2B0, Xception,
/// NASNetMobile, ConvNeXtTiny, ResNet50, ResNet50V2, DenseNet121, InceptionV3; written with their goldens into
/// build/architectures/keras/ by models/architectures/generate.py). Each must load and reproduce, byte for byte,
/// the output of LiteRT's reference kernels. Skipped until the script has been run.
@Suite(.enabled(if: !kerasArchitectures.names.isEmpty, "run models/architectures/generate.py to generate the models"))
struct KerasArchitectureTests {
  @Test(arguments: kerasArchitectures.names)
  func outputMatchesReferenceBitForBit(name: String) throws {
    try kerasArchitectures.expectOutputMatchesReference(name)
  }
}

import Foundation
import Inference
import Testing

let KerasArchitectures = GeneratedArchitectures("keras")

/// The standard Keras applications too large to commit (MobileNetV3Large, EfficientNetV2B0, Xception,
/// NASNetMobile, ConvNeXtTiny, ResNet50, ResNet50V2, DenseNet121, InceptionV3; written with their goldens into
/// build/architectures/keras/ by models/architectures/generate.py). Each must load and reproduce, byte for byte,
/// the output of LiteRT's reference kernels. Skipped until the script has been run.
@Suite(.enabled(if: KerasArchitectures.present, "run models/architectures/generate.py to generate the models"))
struct KerasArchitectureTests {
  @Test(arguments: KerasArchitectures.names)
  func outputMatchesReferenceBitForBit(name: String) throws {
    let interpreter = try Interpreter(model: try Model(flatbuffer: KerasArchitectures.file(name + ".tflite")))
    let input = try NumPyArray(npy: KerasArchitectures.file(name + ".input.npy"))
    let expected = try NumPyArray(npy: KerasArchitectures.file(name + ".output.npy"))
    try #require(interpreter.inputs[0].shape == input.shape && interpreter.inputs[0].type == input.elementType)
    try #require(interpreter.outputs[0].byteCount == expected.bytes.count)
    interpreter.withInputBytes(0) { $0.copyBytes(from: input.bytes) }
    interpreter.invoke()
    let actual = interpreter.withOutputBytes(0) { Array($0) }
    let mismatches = zip(actual, expected.bytes).filter { $0 != $1 }.count
    #expect(actual == expected.bytes, "\(name): \(mismatches) of \(expected.bytes.count) bytes differ")
  }
}

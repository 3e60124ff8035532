import Foundation
import Inference
import TestSupport
import Testing

/// Whole standard architectures (models/architectures, written by its generate.py: Keras applications at 96×96
/// with batch None, random weights, int8) run on their golden input must reproduce LiteRT's reference kernels
/// byte for byte. Models too large to commit are generated on demand; a model whose operators are not all
/// supported yet must fail with the one message that lists them.
@Suite struct ArchitectureGoldenTests {
  static let architectures = ModelFolder("architectures")
  static let committed = ["mobilenet_v1_0.25_96"]

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
    let interpreter = try Interpreter(model: model)
    let input = try NumPyArray(npy: Self.architectures.file(name + ".input.npy"))
    let expected = try NumPyArray(npy: Self.architectures.file(name + ".output.npy"))
    #expect(interpreter.inputs[0].shape == input.shape && interpreter.outputs[0].byteCount == expected.bytes.count)
    interpreter.withInputBytes(0) { buffer in
      guard buffer.count == input.bytes.count else { return }
      buffer.copyBytes(from: input.bytes)
    }
    interpreter.invoke()
    let actual = interpreter.withOutputBytes(0) { Array($0) }
    let mismatches = zip(actual, expected.bytes).filter { $0 != $1 }.count
    #expect(actual == expected.bytes, "\(name): \(mismatches) of \(expected.bytes.count) bytes differ")
  }
}

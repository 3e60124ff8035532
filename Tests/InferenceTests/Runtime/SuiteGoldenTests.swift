import Foundation
import Inference
import TestSupport
import Testing

/// Every model of models/suite run on its golden input must reproduce, byte for byte, the output of LiteRT's
/// reference kernels (`NAME.output.npy`, written by models/suite/generate.py).
@Suite struct SuiteGoldenTests {
  @Test func theSuiteIsPresent() {
    #expect(ModelSuite.names.count >= 39)
  }

  @Test(arguments: ModelSuite.names)
  func outputMatchesReferenceBitForBit(name: String) throws {
    let interpreter = try Interpreter(model: try Model(flatbuffer: ModelSuite.file(name + ".tflite")))
    let input = try NumPyArray(npy: ModelSuite.file(name + ".input.npy"))
    let expected = try NumPyArray(npy: ModelSuite.file(name + ".output.npy"))
    #expect(interpreter.inputs.count == 1 && interpreter.outputs.count == 1)
    #expect(interpreter.inputs[0].shape == input.shape && interpreter.inputs[0].type == input.elementType)
    #expect(interpreter.outputs[0].byteCount == expected.bytes.count)
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

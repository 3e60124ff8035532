import Inference
import TestSupport
import Testing

extension ModelFolder {
  /// Runs model `name` of this folder (`model`, when the caller has loaded it already) on NAME.input.npy and
  /// expects NAME.output.npy, LiteRT's reference output, byte for byte.
  func expectOutputMatchesReference(_ name: String, model: Model? = nil) throws {
    let interpreter = try Interpreter(model: try model ?? Model(flatbuffer: file(name + ".tflite")))
    let input = try NumPyArray(npy: file(name + ".input.npy"))
    let expected = try NumPyArray(npy: file(name + ".output.npy"))
    try #require(interpreter.inputs[0].shape == input.shape && interpreter.inputs[0].type == input.elementType)
    try #require(interpreter.outputs[0].byteCount == expected.bytes.count)
    interpreter.withInputBytes(0) { $0.copyBytes(from: input.bytes) }
    interpreter.invoke()
    let actual = interpreter.withOutputBytes(0) { Array($0) }
    let mismatches = zip(actual, expected.bytes).filter { $0 != $1 }.count
    #expect(actual == expected.bytes, "\(name): \(mismatches) of \(expected.bytes.count) bytes differ")
  }
}

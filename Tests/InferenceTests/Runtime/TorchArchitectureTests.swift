import Foundation
import Inference
import Testing

/// PyTorch architectures converted with litert-torch's PT2E int8 path (models/architectures/generate_torch.py,
/// which writes them with their goldens into build/architectures/torch/; megabytes each, so not committed).
/// Each must load and reproduce, byte for byte, the output of LiteRT's reference kernels. Skipped until the
/// script has been run.
@Suite(.enabled(if: torchArchitectures.present, "run models/architectures/generate_torch.py to generate the models"))
struct TorchArchitectureTests {
  @Test(arguments: torchArchitectures.names)
  func outputMatchesReferenceBitForBit(name: String) throws {
    try torchArchitectures.expectOutputMatchesReference(name)
  }
}

let torchArchitectures = GeneratedArchitectures("torch")

/// A folder of generated architectures, build/architectures/NAME in the repository: NAME.tflite with its
/// NAME.input.npy and NAME.output.npy goldens.
struct GeneratedArchitectures: Sendable {
  let folder: URL
  let names: [String]

  /// `subfolder` of build/architectures in the repository (this file is Tests/InferenceTests/Runtime/…).
  init(_ subfolder: String) {
    folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("build/architectures/" + subfolder)
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    names = files.filter { $0.hasSuffix(".tflite") }.map { String($0.dropLast(".tflite".count)) }.sorted()
  }

  var present: Bool { !names.isEmpty }

  func file(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }

  /// Runs model `name` on its input golden and expects its output golden, byte for byte.
  func expectOutputMatchesReference(_ name: String) throws {
    let interpreter = try Interpreter(model: try Model(flatbuffer: file(name + ".tflite")))
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

import Foundation
import Inference
import Testing

/// The `.npy` goldens of models/suite, written by `numpy.save` (models/suite/generate.py).
enum SuiteGoldens {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("models/suite")

  static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".npy") }.sorted()
  }()

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
  }
}

@Test func theSuiteHasGoldens() {
  // One input and one output per model; a missing folder would make the tests below vacuous.
  #expect(SuiteGoldens.names.count >= 70)
}

@Test(arguments: SuiteGoldens.names)
func goldenParsesAndRoundTripsByteIdentical(name: String) throws {
  let file = try SuiteGoldens.bytes(name)
  let array = try NumPyArray(npy: file)
  // int8, uint8 and float32 tensors, int32 indices (ARG_MAX, ARG_MIN).
  let width: [ElementType: Int] = [.int8: 1, .uint8: 1, .float32: 4, .int32: 4]
  #expect(width[array.elementType] != nil)
  #expect(array.bytes.count == array.shape.reduce(1, *) * (width[array.elementType] ?? 0))
  #expect(array.npy == file)
}

@Test func goldenShapesAndTypesMatchTheirModels() throws {
  let input = try NumPyArray(npy: SuiteGoldens.bytes("mobilenet_v2_1.0_224.input.npy"))
  #expect(input.elementType == .int8)
  #expect(input.shape == [1, 224, 224, 3])
  let logits = try NumPyArray(npy: SuiteGoldens.bytes("mobilenet_v2_1.0_224.output.npy"))
  #expect(logits.shape == [1, 1000])
  let floatInput = try NumPyArray(npy: SuiteGoldens.bytes("quantize_float_input.input.npy"))
  #expect(floatInput.elementType == .float32)
  #expect(floatInput.shape == [1, 8, 8, 5])
  let floatOutput = try NumPyArray(npy: SuiteGoldens.bytes("dequantize_float_output.output.npy"))
  #expect(floatOutput.elementType == .float32)
  #expect(floatOutput.shape == [1, 4, 4, 5])
}

import Foundation
import TestSupport
import Testing

@testable import Inference

/// Seeded random and mutated files: each must either throw a `ModelError` or parse into a model whose
/// invariants hold (data inside the file, indices in range). A trap would crash the test process.
@Suite struct ReaderFuzzTests {
  /// SplitMix64: small, seeded, and the same on every platform.
  /// Models from this test builder, and converter output from the suite, whose layout differs (built back to
  /// front, with shared vtables that may follow their tables).
  static func seeds() throws -> [[UInt8]] {
    let built = [
      TestModel.conv,
      TestModel.single(code: 4, options: .init(2, [(1, .int32(1)), (2, .int32(1)), (3, .int32(1))])),
      TestModel.single(code: 25, options: .init(9, [(0, .float(1))])),
      TestModel.single(code: 98, options: .init(75, [(0, .float(0.2))])),
      TestModel.single(code: 150, version: 2, options: .init(116, [(0, .bool(true))])),
      TestModel.single(code: 67, options: .init(49, [(0, .int8(1)), (1, .int32(2)), (2, .int32(2))])),
      TestModel.single(code: 126, options: .init(101, [(0, .bool(true)), (1, .bool(true))])),
      TestModel.single(code: 56, options: .init(40, [(0, .int8(2))])),
    ]
    let converted = try [
      "concat_requantize_logistic", "fc_keep_num_dims", "reshape_4d_to_3d", "split_v_inferred_size", "unpack_axis1",
      "resize_bilinear_half_pixel_odd", "mirror_pad_reflect", "space_to_batch_padded", "leaky_relu_alpha_0_2",
      "gelu_approximate", "prelu_per_channel", "float_island_pad_padv2", "conv2d_grouped_depth4",
    ].map { name in
      [UInt8](try Data(contentsOf: ModelSuite.folder.appendingPathComponent("\(name).tflite")))
    }
    return built.map(\.bytes) + converted
  }

  @Test func randomBytesAfterAValidHeaderNeverTrap() {
    var random = SeededGenerator(state: 1)
    for _ in 0..<700 {
      let length = Int.random(in: 8...600, using: &random)
      var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
      bytes.replaceSubrange(
        0..<8, with: littleEndian(UInt32.random(in: 8..<UInt32(length), using: &random)) + Array("TFL3".utf8))
      check(bytes)
    }
  }

  @Test func mutatedValidModelsNeverTrap() throws {
    let seeds = try Self.seeds()
    var random = SeededGenerator(state: 2)
    let interesting: [UInt32] = [
      0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
    ]
    var parsed = 0
    for round in 0..<1800 {
      var bytes = seeds[round % seeds.count]
      for _ in 0..<Int.random(in: 1...6, using: &random) where bytes.count > 16 {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
          bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        case 1:
          let position = Int.random(in: 0..<bytes.count - 4, using: &random) & ~3
          let value = interesting.randomElement(using: &random)!
          bytes.replaceSubrange(position..<position + 4, with: littleEndian(value))
        case 2:
          let position = Int.random(in: 0..<bytes.count - 2, using: &random) & ~1
          bytes.replaceSubrange(
            position..<position + 2, with: littleEndian(UInt16.random(in: 0...0xFFFF, using: &random)))
        default:
          bytes.removeLast(Int.random(in: 0..<min(64, bytes.count / 2), using: &random))
        }
      }
      if check(bytes) { parsed += 1 }
    }
    // Changes to padding, names or weights keep a model valid: enough mutants parse (132 with these seeds) for the
    // checks on parsed models to run.
    #expect(parsed > 50)
  }

  /// Reads `bytes`; if they parse, checks what later stages rely on. Returns whether they parsed.
  @discardableResult
  func check(_ bytes: [UInt8]) -> Bool {
    let model: Model
    do {
      model = try Model(flatbuffer: bytes)
    } catch {
      return false
    }
    for tensor in model.tensors {
      #expect(tensor.shape.allSatisfy { $0 >= 0 })
      if let data = tensor.data {
        #expect(data.lowerBound >= 0 && data.upperBound <= bytes.count)
        #expect(data.count == tensor.byteCount)
      }
      if let quantization = tensor.quantization {
        #expect(quantization.scales.count == quantization.zeroPoints.count)
        #expect(quantization.scales.allSatisfy { $0.isFinite && $0 > 0 })
      }
    }
    let indices = model.tensors.indices
    for op in model.operators {
      #expect(op.inputs.allSatisfy { $0 == -1 || indices.contains($0) })
      #expect(op.outputs.allSatisfy { indices.contains($0) })
    }
    #expect((model.inputs + model.outputs).allSatisfy { indices.contains($0) })
    // Prepare judges what the reader let through: it may refuse an operator, never trap.
    for index in model.operators.indices { _ = try? OperatorPlan(model: model, index: index) }
    return true
  }
}

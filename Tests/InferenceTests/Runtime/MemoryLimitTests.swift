import Testing

@testable import Inference

/// Prepare refuses a model whose activations would need more memory than its limit, before allocating any.
@Suite struct MemoryLimitTests {
  /// RELU from and to a [1, 1024, 1024, 150] int8 activation: two 150 MiB tensors alive at once, 300 MiB.
  func largeRelu() -> Model {
    var b = ModelBuilder()
    let x = b.activation([1, 1024, 1024, 150], scale: 0.5, zeroPoint: 0)
    let y = b.activation([1, 1024, 1024, 150], scale: 0.5, zeroPoint: 0)
    return b.model(.relu, inputs: [x], output: y, options: .none)
  }

  @Test func theDefaultLimitRefusesThreeHundredMebibytesOfActivations() {
    #expect(throws: ModelError.exceedsMemoryLimit(bytes: 300 << 20, limit: 256 << 20)) {
      _ = try Interpreter(model: largeRelu())
    }
  }

  @Test func aLowerLimitRefusesWhatItDoesNotFit() throws {
    var b = ModelBuilder()
    let x = b.activation([1, 64, 64, 8], scale: 0.5, zeroPoint: 0)
    let y = b.activation([1, 64, 64, 8], scale: 0.5, zeroPoint: 0)
    let model = b.model(.relu, inputs: [x], output: y, options: .none)
    _ = try Interpreter(model: model, memoryLimit: 64 << 10)
    #expect(throws: ModelError.exceedsMemoryLimit(bytes: 64 << 10, limit: (64 << 10) - 1)) {
      _ = try Interpreter(model: model, memoryLimit: (64 << 10) - 1)
    }
  }

  /// A tensor over the limit is refused, by name, before the operators are planned: planning makes tables as large as
  /// the shapes (here MEAN's 16 Mi reduced offsets), and would otherwise refuse the model for another reason.
  @Test func aTensorOverTheLimitIsRefusedBeforePlanning() {
    var b = ModelBuilder()
    let x = b.activation([1, 4096, 4096], scale: 0.5, zeroPoint: 0)
    let axes = b.int32Constant([1, 2], shape: [2])
    let y = b.activation([1], scale: 0.5, zeroPoint: 0)
    let model = b.model(.mean, inputs: [x, axes], output: y, options: .reducer(keepDimensions: false))
    #expect(
      throws: ModelError.invalidTensor(
        index: 0, name: "t0", reason: "needs 16777216 bytes, over the memory limit of 1048576 bytes")
    ) {
      _ = try Interpreter(model: model, memoryLimit: 1 << 20)
    }
  }

  @Test func theMessageNamesBothFigures() {
    #expect(
      ModelError.exceedsMemoryLimit(bytes: 300, limit: 200).description
        == "the model needs 300 bytes of activations, scratch and constants, over the limit of 200 bytes")
  }
}

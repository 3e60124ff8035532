import Testing

@testable import Inference

/// Scales that are each valid (finite, positive) but whose product or quotient overflows, computed in Float as the
/// reference does, must be refused at load with a clear error, never trap in `QuantizedMultiplier`. The fuzzer
/// found the first of these (BATCH_MATMUL's `lhs * rhs` scale).
@Suite struct ScaleRangeTests {
  let huge: Float = 3e38
  let tiny: Float = 1e-38

  func expectOutOfRange(_ model: Model) { OperatorTests().expectInvalid(model, "scales are too far apart") }

  func oneInput(
    _ kind: BuiltinOperator, options: OperatorOptions = .none, input: Float, output: Float
  ) -> Model {
    LookupTableTests().oneInput(kind, options: options, input: (input, 0), output: (output, 0))
  }

  @Test func batchMatMulWithOverflowingScaleProductIsRefused() {
    var b = ModelBuilder()
    let lhs = b.activation([1, 2, 3], scale: huge, zeroPoint: 0)
    let rhs = b.int8Constant([1, 2, 3, 4, 5, 6], shape: [1, 3, 2], scales: [huge])
    let output = b.activation([1, 2, 2], scale: 1, zeroPoint: 0)
    expectOutOfRange(
      b.model(
        .batchMatMul, inputs: [lhs, rhs], output: output, options: .batchMatMul(adjointX: false, adjointY: false)))
  }

  @Test func tableOperatorsWithOverflowingScaleQuotientAreRefused() {
    expectOutOfRange(oneInput(.relu, input: huge, output: tiny))
    expectOutOfRange(oneInput(.relu6, input: huge, output: tiny))
    expectOutOfRange(oneInput(.leakyRelu, options: .leakyRelu(alpha: 0.5), input: huge, output: tiny))
    expectOutOfRange(oneInput(.hardSwish, input: huge, output: tiny))
    // sqrt(input) * output underflows to 0 in Float, so the reference's 1 / (…) is infinite.
    expectOutOfRange(oneInput(.rsqrt, input: 1e-45, output: 1e-45))
  }

  @Test func preluWithOverflowingScaleQuotientIsRefused() {
    var b = ModelBuilder()
    let x = b.activation([1, 4], scale: huge, zeroPoint: 0)
    let alpha = b.int8Constant([1, 2, 3, 4], shape: [4], scales: [0.5])
    let y = b.activation([1, 4], scale: tiny, zeroPoint: 0)
    expectOutOfRange(b.model(.prelu, inputs: [x, alpha], output: y, options: .none))
  }

  /// An input scale so small that the softmax multiplier flushes to zero: LOG_SOFTMAX's reverse scaling divided
  /// by it (found by the fuzzer), SOFTMAX would scale every difference to 0.
  @Test func softmaxesWithAFlushedMultiplierAreRefused() {
    for (kind, output, options) in [
      (BuiltinOperator.logSoftmax, (16.0 / 256, 127), OperatorOptions.none),
      (.softmax, (1.0 / 256, -128), .softmax(beta: 1)),
    ] as [(BuiltinOperator, (Float, Int32), OperatorOptions)] {
      var b = ModelBuilder()
      let x = b.activation([1, 4], scale: 1e-30, zeroPoint: 0)
      let y = b.activation([1, 4], scale: output.0, zeroPoint: output.1)
      OperatorTests().expectInvalid(b.model(kind, inputs: [x], output: y, options: options), "is too small")
    }
  }

  /// A multiplier of 2^31 or more cannot be a left shift of an int32 accumulator.
  @Test func multiplierOfTwoToThe31IsRefused() {
    var b = ModelBuilder()
    let lhs = b.activation([1, 1, 1], scale: 0x1p16, zeroPoint: 0)
    let rhs = b.int8Constant([1], shape: [1, 1, 1], scales: [0x1p16])
    let output = b.activation([1, 1, 1], scale: 2, zeroPoint: 0)
    expectOutOfRange(
      b.model(
        .batchMatMul, inputs: [lhs, rhs], output: output, options: .batchMatMul(adjointX: false, adjointY: false)))
  }
}

import Testing

@testable import Inference

/// Tiny hand-computed goldens, and one negative test per validation rule of prepare.
@Suite struct OperatorTests {
  /// 1x1 convolution, weight 2, input scale 0.5, output scale 1: output = input (the 2 and 0.5 cancel) plus
  /// bias 3 (at scale 0.5 * 1 = 0.5, i.e. 1.5 rounded away from zero to 2), clamped by RELU6 at 6.
  func conv(activation: FusedActivation = .relu6, filterZeroPoint: Int32 = 0, bias: [Int32] = [3]) -> Model {
    var b = ModelBuilder()
    let input = b.activation([1, 1, 3, 1], scale: 0.5, zeroPoint: 0)
    let filter = b.int8Constant([2], shape: [1, 1, 1, 1], scales: [1])
    if filterZeroPoint != 0 { b.tensors[filter].quantization?.zeroPoints = [filterZeroPoint] }
    let biasTensor = b.int32Constant(bias, shape: [bias.count])
    let output = b.activation([1, 1, 3, 1], scale: 1, zeroPoint: 0)
    return b.model(
      .conv2D, inputs: [input, filter, biasTensor], output: output,
      options: .conv2D(.init(padding: .same, strideWidth: 1, strideHeight: 1, activation: activation)))
  }

  @Test func convolutionGolden() throws {
    let interpreter = try Interpreter(model: conv())
    // (3*2 + 3) * 0.5 = 4.5 -> 5; (-5*2 + 3) * 0.5 = -3.5 -> 0 by RELU6; (9*2 + 3) * 0.5 = 10.5 -> 6.
    #expect(interpreter.run([3, -5, 9]) == [5, 0, 6])
    #expect(interpreter.macs == 3)
  }

  /// A grouped CONV_2D: 1x1 filters 1, 2, 3, 4 (times `filterDepth` values each, counting up) in two groups of
  /// `filterDepth` channels, so outputs 0 and 1 read the first group, outputs 2 and 3 the second; all scales 1.
  func groupedConvolution(filterDepth: Int, inputDepth: Int? = nil) -> Model {
    var b = ModelBuilder()
    let input = b.activation([1, 1, 1, inputDepth ?? 2 * filterDepth], scale: 1, zeroPoint: 0)
    let filter = b.int8Constant(
      (1...4 * filterDepth).map { Int8($0) }, shape: [4, 1, 1, filterDepth], scales: [1, 1, 1, 1])
    let output = b.activation([1, 1, 1, 4], scale: 1, zeroPoint: 0)
    return b.model(
      .conv2D, inputs: [input, filter], output: output,
      options: .conv2D(.init(padding: .valid, strideWidth: 1, strideHeight: 1, activation: .none)))
  }

  @Test func groupedConvolutionReadsItsGroupsChannels() throws {
    // One channel per group (ConvNeXt's `Conv2D(groups=channels)`), run as a depthwise convolution.
    #expect(try Interpreter(model: groupedConvolution(filterDepth: 1)).run([5, 7]) == [5, 10, 21, 28])
    // Two per group (ResNeXt): [1, 2] and [3, 4] read channels 0 and 1, [5, 6] and [7, 8] channels 2 and 3.
    #expect(try Interpreter(model: groupedConvolution(filterDepth: 2)).run([5, 7, 1, 2]) == [19, 43, 17, 23])
    // Three groups of two channels cannot share four filters.
    expectInvalid(groupedConvolution(filterDepth: 2, inputDepth: 6), "does not split")
  }

  @Test func averagePoolRoundsHalfAwayFromZero() throws {
    var b = ModelBuilder()
    let input = b.activation([1, 2, 2, 1], scale: 1, zeroPoint: 0)
    let output = b.activation([1, 1, 1, 1], scale: 1, zeroPoint: 0)
    let model = b.model(
      .averagePool2D, inputs: [input], output: output,
      options: .pool2D(
        .init(padding: .valid, strideWidth: 2, strideHeight: 2, filterWidth: 2, filterHeight: 2, activation: .none)))
    let interpreter = try Interpreter(model: model)
    #expect(interpreter.run([1, 2, 3, 4]) == [3])  // 10 / 4 = 2.5 -> 3
    #expect(interpreter.run([-1, -2, -3, -4]) == [-3])
  }

  @Test func addRescalesBothInputs() throws {
    var b = ModelBuilder()
    let x = b.activation([1, 2], scale: 0.5, zeroPoint: 0)
    let y = b.activation([1, 1], scale: 1, zeroPoint: 0)
    let output = b.activation([1, 2], scale: 1, zeroPoint: -1)
    var model = b.model(.add, inputs: [x, y], output: output, options: .elementwise(activation: .none))
    model.inputs = [x, y]
    let interpreter = try Interpreter(model: model)
    interpreter.withInputBytes(1) { $0[0] = 3 }
    // 0.5 * 4 + 3 = 5 -> 4 with zero point -1; 0.5 * -6 + 3 = 0 -> -1.
    #expect(interpreter.run([4, -6]) == [4, -1])
  }

  func expectInvalid(_ model: Model, _ fragment: String) {
    do {
      _ = try Interpreter(model: model)
      Issue.record("expected an invalid-operator error mentioning \(fragment)")
    } catch {
      guard case .invalidOperator(_, _, let reason) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(reason.contains(fragment), "\(reason)")
    }
  }

  @Test func unsupportedOperatorIsNamed() {
    var model = conv()
    model.operators[0].kind = .other(97)
    model.operators[0].version = 2
    #expect(
      throws: ModelError.unsupportedOperators([
        UnsupportedOperator(name: "builtin operator 97", version: 2, firstIndex: 0)
      ])
    ) {
      try Interpreter(model: model)
    }
  }

  @Test func convolutionValidation() {
    expectInvalid(conv(activation: .tanh), "fused activation TANH")
    expectInvalid(conv(filterZeroPoint: 3), "symmetric")
    expectInvalid(conv(bias: [1, 2]), "bias")
    var wrongType = conv()
    wrongType.tensors[0].type = .uint8
    expectInvalid(wrongType, "input must be int8")
    var wrongOutput = conv()
    wrongOutput.tensors[3].shape = [1, 1, 2, 1]
    expectInvalid(wrongOutput, "output shape")
    var badScale = conv()
    badScale.tensors[0].quantization?.scales = [0]
    expectInvalid(badScale, "scale 0")
    var perChannel = conv()
    perChannel.tensors[1].quantization?.scales = [1, 1]
    perChannel.tensors[1].quantization?.zeroPoints = [0, 0]
    expectInvalid(perChannel, "per-channel")
    var missingOptions = conv()
    missingOptions.operators[0].options = .none
    expectInvalid(missingOptions, "Conv2DOptions")
    var stride = conv()
    stride.operators[0].options = .conv2D(.init(padding: .same, strideWidth: 0, strideHeight: 1, activation: .none))
    expectInvalid(stride, "strides")
  }

  @Test func softmaxNeedsProbabilityOutput() {
    var b = ModelBuilder()
    let input = b.activation([1, 4], scale: 0.1, zeroPoint: 0)
    let output = b.activation([1, 4], scale: 0.1, zeroPoint: 0)
    expectInvalid(b.model(.softmax, inputs: [input], output: output, options: .softmax(beta: 1)), "1/256")
  }

  @Test func concatenationNeedsSharedQuantization() {
    var b = ModelBuilder()
    let x = b.activation([1, 2], scale: 0.1, zeroPoint: 0)
    let y = b.activation([1, 2], scale: 0.2, zeroPoint: 0)
    let output = b.activation([1, 4], scale: 0.1, zeroPoint: 0)
    expectInvalid(
      b.model(.concatenation, inputs: [x, y], output: output, options: .concatenation(axis: 1, activation: .none)),
      "quantization differ")
  }

  @Test func padAndMeanValidateTheirConstants() {
    var b = ModelBuilder()
    let input = b.activation([1, 2], scale: 0.1, zeroPoint: 0)
    let paddings = b.int32Constant([0, 0, -1, 1], shape: [2, 2])
    let axis = b.int32Constant([5], shape: [1])
    let output = b.activation([1, 2], scale: 0.1, zeroPoint: 0)
    expectInvalid(b.model(.pad, inputs: [input, paddings], output: output, options: .none), "non-negative")
    expectInvalid(
      b.model(.mean, inputs: [input, axis], output: output, options: .reducer(keepDimensions: true)), "axis 5")
  }

  @Test func elementwiseShapesMustBroadcast() {
    var b = ModelBuilder()
    let x = b.activation([2, 3], scale: 0.1, zeroPoint: 0)
    let y = b.activation([2, 2], scale: 0.1, zeroPoint: 0)
    let output = b.activation([2, 3], scale: 0.1, zeroPoint: 0)
    expectInvalid(b.model(.mul, inputs: [x, y], output: output, options: .elementwise(activation: .none)), "broadcast")
  }

  @Test func summaryReportsArenaBytes() throws {
    let interpreter = try Interpreter(model: conv())
    let text = ModelSummary(interpreter: interpreter).text
    #expect(text.contains("CONV_2D x1"))
    #expect(text.contains("arena bytes: \(interpreter.arenaBytes)"))
    #expect(text.contains("macs: 3"))
  }
}

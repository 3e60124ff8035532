import Testing

@testable import Inference

/// Float32 operators (float islands): the reference's semantics at the edges, and clear errors at prepare.
@Suite struct FloatKernelTests {
  func run(_ interpreter: Interpreter, _ inputs: [[Float]]) -> [Float] {
    for (index, values) in inputs.enumerated() {
      interpreter.withInputBytes(index) { buffer in values.withUnsafeBytes { buffer.copyMemory(from: $0) } }
    }
    interpreter.invoke()
    return interpreter.withOutputBytes(0) { Array($0.bindMemory(to: Float.self)) }
  }

  /// With no fused activation the reference still clamps to the finite floats: an overflowing sum is the largest
  /// finite float, not infinity; RELU6 clamps to [0, 6]; a NaN passes through both clamps.
  @Test func addClampsLikeTheReference() throws {
    for (activation, expected) in [
      (FusedActivation.none, [Float.greatestFiniteMagnitude, -3, 4]), (.relu6, [6, 0, 4]),
    ] {
      var b = ModelBuilder()
      let x = b.floatTensor([1, 3])
      let y = b.floatTensor([1, 3])
      let output = b.floatTensor([1, 3])
      var model = b.model(.add, inputs: [x, y], output: output, options: .elementwise(activation: activation))
      model.inputs = [x, y]
      let interpreter = try Interpreter(model: model)
      let big = Float.greatestFiniteMagnitude
      #expect(run(interpreter, [[big, -1, 1], [big, -2, 3]]) == expected)
      #expect(run(interpreter, [[.nan, 0, 0], [1, 0, 0]])[0].isNaN)
    }
  }

  /// x [2, 2, 3] times a constant y [3, 2] broadcast over the batch, checked against the sums written out.
  @Test func batchMatmulBroadcastsTheBatch() throws {
    var b = ModelBuilder()
    let x = b.floatTensor([2, 2, 3])
    let y = b.floatConstant([1, 2, 3, 4, 5, 6], shape: [3, 2])
    let output = b.floatTensor([2, 2, 2])
    let model = b.model(
      .batchMatMul, inputs: [x, y], output: output, options: .batchMatMul(adjointX: false, adjointY: false))
    let interpreter = try Interpreter(model: model)
    let values: [Float] = [1, 0, 0, 0, 1, 0, 1, 1, 1, 0.5, 0, -1]
    // Rows of x times y = [[1, 2], [3, 4], [5, 6]].
    #expect(run(interpreter, [values]) == [1, 2, 3, 4, 9, 12, -4.5, -5])
  }

  @Test func unaryFunctionsFollowTheReference() throws {
    for (kind, input, expected) in [
      (BuiltinOperator.logistic, Float(17), Float(1)),  // above the cut-off 16.619047: exactly 1
      (.logistic, -10, floatExp(-10)),  // below -9: exp(x)
      (.relu6, 7, 6), (.relu, -0.5, 0), (.hardSwish, -1, -1 * 2 / 6), (.rsqrt, 4, 0.5),
    ] {
      var b = ModelBuilder()
      let x = b.floatTensor([1])
      let output = b.floatTensor([1])
      let interpreter = try Interpreter(model: b.model(kind, inputs: [x], output: output, options: .none))
      #expect(run(interpreter, [[input]]) == [expected], "\(kind.name)")
    }
  }

  /// TRANSPOSE_CONV with float weights, stride 1 VALID so that taps overlap: each output is the sum of the input
  /// pixels' products that reach it, plus the bias, then RELU; written out by hand for a 2x2 input and 2x2 filter.
  @Test func transposeConvScattersAndAddsTheBias() throws {
    var b = ModelBuilder()
    let outputShape = b.int32Constant([1, 3, 3, 1], shape: [4])
    let filter = b.floatConstant([1, 2, 3, 4], shape: [1, 2, 2, 1])
    let x = b.floatTensor([1, 2, 2, 1])
    let bias = b.floatConstant([-10], shape: [1])
    let output = b.floatTensor([1, 3, 3, 1])
    var model = b.model(
      .transposeConv, inputs: [outputShape, filter, x, bias], output: output,
      options: .transposeConv(.init(padding: .valid, strideWidth: 1, strideHeight: 1, activation: .relu)))
    model.inputs = [x]
    let interpreter = try Interpreter(model: model)
    // Input [[1, 2], [3, 4]]; output[y][x] = sum over input (iy, ix) of input * filter[y - iy][x - ix].
    let sums: [Float] = [1, 4, 4, 6, 20, 16, 9, 24, 16]
    #expect(run(interpreter, [[1, 2, 3, 4]]) == sums.map { max(0, $0 - 10) })
  }

  @Test func int8InputOfAFloatOnlyOperatorIsRefusedByName() {
    var b = ModelBuilder()
    let x = b.activation([1, 4], scale: 1, zeroPoint: 0)
    let y = b.activation([1, 4], scale: 1, zeroPoint: 0)
    let output = b.activation([1, 4], scale: 1, zeroPoint: 0)
    #expect(
      throws: ModelError.invalidOperator(
        index: 0, name: "DIV", reason: "is implemented for float32 inputs only, input 0 is int8")
    ) {
      try Interpreter(model: b.model(.div, inputs: [x, y], output: output, options: .elementwise(activation: .none)))
    }
  }

  @Test func floatFullyConnectedNeedsFloatWeights() {
    var b = ModelBuilder()
    let x = b.floatTensor([1, 2])
    let filter = b.int8Constant([1, 2], shape: [1, 2], scales: [1])
    let output = b.floatTensor([1, 1])
    #expect(
      throws: ModelError.invalidOperator(index: 0, name: "FULLY_CONNECTED", reason: "filter must be float32, is int8")
    ) {
      try Interpreter(
        model: b.model(
          .fullyConnected, inputs: [x, filter], output: output, options: .fullyConnected(.init(activation: .none))))
    }
  }

  /// PAD merges unpadded dimensions into the one before them and copies rows of bytes: every layout of padded
  /// and unpadded dimensions of a rank-4 float32 tensor (and zero padding throughout) against the index mapping
  /// written out.
  @Test func padMatchesItsIndexMappingForEveryLayout() throws {
    let shape = [2, 3, 2, 4]
    let values = (0..<shape.reduce(1, *)).map { Float($0) + 0.5 }
    for layout in 0..<16 {
      var paddings: [Int] = []
      var outputShape: [Int] = []
      for d in 0..<4 {
        let (before, after) = layout & (1 << d) == 0 ? (0, 0) : (d % 2 + 1, 2 - d % 2)
        paddings += [before, after]
        outputShape.append(shape[d] + before + after)
      }
      var b = ModelBuilder()
      let x = b.floatTensor(shape)
      let amounts = b.int32Constant(paddings.map { Int32($0) }, shape: [4, 2])
      let output = b.floatTensor(outputShape)
      let interpreter = try Interpreter(model: b.model(.pad, inputs: [x, amounts], output: output, options: .none))
      var expected = [Float](repeating: 0, count: outputShape.reduce(1, *))
      for i in values.indices {
        var rest = i
        var o = 0
        var scale = 1
        for d in (0..<4).reversed() {
          o += (rest % shape[d] + paddings[2 * d]) * scale
          rest /= shape[d]
          scale *= outputShape[d]
        }
        expected[o] = values[i]
      }
      #expect(run(interpreter, [values]) == expected, "paddings \(paddings)")
    }
  }

  func conv(padding: Padding = .valid, activation: FusedActivation = .none) -> OperatorOptions {
    .conv2D(.init(padding: padding, strideWidth: 1, strideHeight: 1, activation: activation))
  }

  /// CONV_2D with two groups of two input channels (filter depth 2 on 4 input channels) and a SAME 1x2 window
  /// on a 1x2 input (the second column's right tap is outside): outputs 0-1 read input channels 0-1, outputs
  /// 2-3 channels 2-3; written out by hand.
  @Test func floatConvSumsEachGroupsChannels() throws {
    var b = ModelBuilder()
    let x = b.floatTensor([1, 1, 2, 4])
    // [output channel][filter column][input channel in the group]
    let filter = b.floatConstant([1, 0, 0, 1, 0, 1, 1, 0, 2, 0, 0, 0, 0, 0, 0, 3], shape: [4, 1, 2, 2])
    let bias = b.floatConstant([0.5, 0, 0, -1], shape: [4])
    let output = b.floatTensor([1, 1, 2, 4])
    var model = b.model(.conv2D, inputs: [x, filter, bias], output: output, options: conv(padding: .same))
    model.inputs = [x]
    let interpreter = try Interpreter(model: model)
    let pixels: [Float] = [1, 2, 3, 4, 10, 20, 30, 40]
    // Column 0: 1 + 20 + 0.5, 2 + 10, 3 * 2, 40 * 3 - 1; column 1 (its right tap outside): 10 + 0.5, 20, 30 * 2, -1.
    let expected: [Float] = [21.5, 12, 6, 119, 10.5, 20, 60, -1]
    #expect(run(interpreter, [pixels]) == expected)
  }

  /// Windows clipped at the border: the average divides by the pixels inside (2, 3, 2), the maximum ignores
  /// the padding even where every input is negative.
  @Test func floatPoolsClipTheirWindows() throws {
    let cases: [(BuiltinOperator, [Float])] = [(.averagePool2D, [-1.5, -7 / 3, -3]), (.maxPool2D, [-1, -1, -2])]
    for (kind, expected) in cases {
      var b = ModelBuilder()
      let x = b.floatTensor([1, 1, 3, 1])
      let output = b.floatTensor([1, 1, 3, 1])
      let options = Pool2DOptions(
        padding: .same, strideWidth: 1, strideHeight: 1, filterWidth: 3, filterHeight: 1, activation: .none)
      let interpreter = try Interpreter(model: b.model(kind, inputs: [x], output: output, options: .pool2D(options)))
      #expect(run(interpreter, [[-1, -2, -4]]) == expected, "\(kind.name)")
    }
  }

  /// The float convolutions, pools and resize refuse what the reference would not compute as float32: quantized
  /// weights (hybrid models), an int32 bias, an int8 output, a fused TANH.
  @Test func floatWindowOperatorsRefuseOtherTypesByName() {
    var b = ModelBuilder()
    let x = b.floatTensor([1, 2, 2, 2])
    let floatFilter = b.floatConstant([1, 2, 3, 4], shape: [2, 1, 1, 2])
    let int8Filter = b.int8Constant([1, 2, 3, 4], shape: [2, 1, 1, 2], scales: [1, 1])
    let int32Bias = b.int32Constant([0, 0], shape: [2])
    let floatOutput = b.floatTensor([1, 2, 2, 2])
    let int8Output = b.activation([1, 2, 2, 2], scale: 1, zeroPoint: 0)
    let size = b.int32Constant([2, 2], shape: [2])
    let pool = OperatorOptions.pool2D(
      .init(padding: .valid, strideWidth: 1, strideHeight: 1, filterWidth: 1, filterHeight: 1, activation: .none))
    let depthwise = OperatorOptions.depthwiseConv2D(
      .init(padding: .valid, strideWidth: 1, strideHeight: 1, depthMultiplier: 1, activation: .none))
    for (name, model, reason) in [
      (
        "CONV_2D", b.model(.conv2D, inputs: [x, int8Filter], output: floatOutput, options: conv()),
        "filter must be float32, is int8"
      ),
      (
        "CONV_2D", b.model(.conv2D, inputs: [x, floatFilter, int32Bias], output: floatOutput, options: conv()),
        "bias must be float32, is int32"
      ),
      (
        "CONV_2D", b.model(.conv2D, inputs: [x, floatFilter], output: int8Output, options: conv()),
        "output must be float32, is int8"
      ),
      (
        "CONV_2D", b.model(.conv2D, inputs: [x, floatFilter], output: floatOutput, options: conv(activation: .tanh)),
        "fused activation TANH is not supported"
      ),
      (
        "DEPTHWISE_CONV_2D",
        b.model(.depthwiseConv2D, inputs: [x, floatFilter], output: floatOutput, options: depthwise),
        "filter [2, 1, 1, 2] does not fit input depth 2"
      ),
      (
        "AVERAGE_POOL_2D", b.model(.averagePool2D, inputs: [x], output: int8Output, options: pool),
        "output must be float32, is int8"
      ),
      (
        "RESIZE_BILINEAR",
        b.model(
          .resizeBilinear, inputs: [x, size], output: int8Output,
          options: .resize(alignCorners: false, halfPixelCenters: false)),
        "input \"f0\" is float32, output \"t5\" is int8"
      ),
    ] {
      #expect(throws: ModelError.invalidOperator(index: 0, name: name, reason: reason)) {
        try Interpreter(model: model)
      }
    }
  }
}

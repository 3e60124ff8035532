import Testing

@testable import Inference

/// Hand-computed goldens and one negative test per validation rule for the reductions, ARG_MAX/ARG_MIN,
/// L2_NORMALIZATION, LOG_SOFTMAX, BATCH_MATMUL and TRANSPOSE_CONV.
@Suite struct ReductionOperatorTests {
  let operators = OperatorTests()

  func reduce(
    _ kind: BuiltinOperator, input: [Int], axes: [Int32], output: [Int], keepDims: Bool = false,
    inputQ: (Float, Int32) = (0.5, 0), outputQ: (Float, Int32) = (0.5, 0)
  ) -> Model {
    var b = ModelBuilder()
    let x = b.activation(input, scale: inputQ.0, zeroPoint: inputQ.1)
    let axis = b.int32Constant(axes, shape: [axes.count])
    let y = b.activation(output, scale: outputQ.0, zeroPoint: outputQ.1)
    return b.model(kind, inputs: [x, axis], output: y, options: .reducer(keepDimensions: keepDims))
  }

  @Test func reduceMaxAndMinOverTheLastAxis() throws {
    let input: [Int8] = [3, -7, 9, -128, 127, 0]
    let max = try Interpreter(model: reduce(.reduceMax, input: [2, 3], axes: [-1], output: [2]))
    #expect(max.run(input) == [9, 127])
    let min = try Interpreter(model: reduce(.reduceMin, input: [2, 3], axes: [1], output: [2, 1], keepDims: true))
    #expect(min.run(input) == [-7, -128])
  }

  /// SUM in int8 arithmetic: (sum - n * inputZeroPoint) * 0.5 / 0.25 + outputZeroPoint, clamped.
  @Test func sumRequantizesSignedSums() throws {
    let sum = try Interpreter(
      model: reduce(.sum, input: [1, 2, 2], axes: [1], output: [1, 2], inputQ: (0.5, -1), outputQ: (0.25, 3)))
    // Column 0: (-10 + 1) + (-20 + 1) = -28 -> -56 + 3 = -53; column 1: (100 + 1) + (50 + 1) = 152 -> 307: 127.
    #expect(sum.run([-10, 100, -20, 50]) == [-53, 127])
  }

  @Test func maxAndMinNeedTheInputQuantization() {
    operators.expectInvalid(
      reduce(.reduceMax, input: [2, 3], axes: [1], output: [2], outputQ: (0.25, 0)), "quantization differ")
  }

  @Test func reductionOutputShapeFollowsKeepDims() {
    operators.expectInvalid(reduce(.reduceMin, input: [2, 3], axes: [1], output: [2], keepDims: true), "[2, 1]")
  }

  func argMinMax(
    _ kind: BuiltinOperator, input: [Int], axis: Int32, output: [Int], type: ElementType = .int32,
    optionType: ElementType = .int32
  ) -> Model {
    var b = ModelBuilder()
    let x = b.activation(input, scale: 0.5, zeroPoint: 0)
    let axisTensor = b.int32Constant([axis], shape: [1])
    let y = b.activation(output, scale: 1, zeroPoint: 0, type: type)
    b.tensors[y].quantization = nil
    return b.model(kind, inputs: [x, axisTensor], output: y, options: .argMinMax(outputType: optionType))
  }

  @Test func argMaxKeepsTheFirstOfTiesInInt32AndInt64() throws {
    let input: [Int8] = [5, 9, 9, -3, -3, 2]
    let max = try Interpreter(model: argMinMax(.argMax, input: [2, 3], axis: 1, output: [2]))
    max.withInputBytes(0) { buffer in input.withUnsafeBytes { buffer.copyMemory(from: $0) } }
    max.invoke()
    #expect(max.withOutputBytes(0) { Array($0.bindMemory(to: Int32.self)) } == [1, 2])
    let min = try Interpreter(
      model: argMinMax(.argMin, input: [2, 3], axis: 0, output: [3], type: .int64, optionType: .int64))
    min.withInputBytes(0) { buffer in input.withUnsafeBytes { buffer.copyMemory(from: $0) } }
    min.invoke()
    #expect(min.withOutputBytes(0) { Array($0.bindMemory(to: Int64.self)) } == [1, 1, 1])
  }

  @Test func argMaxValidatesTypeAndAxis() {
    operators.expectInvalid(argMinMax(.argMax, input: [2, 3], axis: 1, output: [2], optionType: .int64), "options say")
    operators.expectInvalid(argMinMax(.argMax, input: [2, 3], axis: 2, output: [2]), "axis")
    operators.expectInvalid(argMinMax(.argMin, input: [2, 3], axis: 1, output: [3]), "[2]")
  }

  func unary(_ kind: BuiltinOperator, output: (Float, Int32), options: OperatorOptions = .none) -> Model {
    var b = ModelBuilder()
    let x = b.activation([1, 4], scale: 0.1, zeroPoint: 0)
    let y = b.activation([1, 4], scale: output.0, zeroPoint: output.1)
    return b.model(kind, inputs: [x], output: y, options: options)
  }

  /// (3, 4, 0, 0) / 5 in 1/128: 0.6 * 128 = 76.8 and 0.8 * 128 = 102.4.
  @Test func l2NormalizationOfAThreeFourRow() throws {
    let interpreter = try Interpreter(
      model: unary(.l2Normalization, output: (1.0 / 128, 0), options: .l2Normalization(activation: .none)))
    #expect(interpreter.run([3, 4, 0, 0]) == [77, 102, 0, 0])
  }

  @Test func l2NormalizationValidatesOutputAndActivation() {
    operators.expectInvalid(
      unary(.l2Normalization, output: (0.1, 0), options: .l2Normalization(activation: .none)), "1/128")
    operators.expectInvalid(
      unary(.l2Normalization, output: (1.0 / 128, 0), options: .l2Normalization(activation: .relu)), "NONE")
  }

  /// Equal inputs: log(1/4) = -1.386, in 1/16 from 127: -22.2 + 127 = 105.
  @Test func logSoftmaxOfEqualInputs() throws {
    let interpreter = try Interpreter(model: unary(.logSoftmax, output: (16.0 / 256, 127)))
    #expect(interpreter.run([7, 7, 7, 7]) == [105, 105, 105, 105])
  }

  @Test func logSoftmaxNeedsItsOutputQuantization() {
    operators.expectInvalid(unary(.logSoftmax, output: (1.0 / 256, -128)), "16/256")
  }

  @Test func batchMatMulValidatesShapes() {
    var b = ModelBuilder()
    let lhs = b.activation([2, 3, 4], scale: 0.1, zeroPoint: 0)
    let rhs = b.activation([3, 4, 5], scale: 0.1, zeroPoint: 0)
    let wrongDepth = b.activation([2, 5, 5], scale: 0.1, zeroPoint: 0)
    let output = b.activation([2, 3, 5], scale: 0.1, zeroPoint: 0)
    let options = OperatorOptions.batchMatMul(adjointX: false, adjointY: false)
    operators.expectInvalid(
      b.model(.batchMatMul, inputs: [lhs, wrongDepth], output: output, options: options), "multiply")
    operators.expectInvalid(b.model(.batchMatMul, inputs: [lhs, rhs], output: output, options: options), "broadcast")
    let transposed = OperatorOptions.batchMatMul(adjointX: true, adjointY: false)
    operators.expectInvalid(b.model(.batchMatMul, inputs: [lhs, rhs], output: output, options: transposed), "multiply")
  }

  /// 1x1 input, 2x2 filter, stride 2: each output pixel is the input times one tap, plus the bias.
  func transposeConv(outputShape: [Int32], filterShape: [Int] = [1, 2, 2, 1]) -> Model {
    var b = ModelBuilder()
    let shape = b.int32Constant(outputShape, shape: [4])
    let filter = b.int8Constant([1, 2, 3, -4], shape: filterShape, scales: [1])
    let input = b.activation([1, 1, 1, 1], scale: 1, zeroPoint: 2)
    let bias = b.int32Constant([10], shape: [1])
    let output = b.activation([1, 2, 2, 1], scale: 1, zeroPoint: -1)
    return b.model(
      .transposeConv, inputs: [shape, filter, input, bias], output: output,
      options: .transposeConv(.init(padding: .valid, strideWidth: 2, strideHeight: 2)))
  }

  @Test func transposeConvScattersTaps() throws {
    var model = transposeConv(outputShape: [1, 2, 2, 1])
    model.inputs = [model.operators[0].inputs[2]]
    let interpreter = try Interpreter(model: model)
    // (5 - 2) * (1, 2, 3, -4) + 10 - 1.
    #expect(interpreter.run([5]) == [12, 15, 18, -3])
  }

  @Test func transposeConvValidatesShapes() {
    operators.expectInvalid(transposeConv(outputShape: [1, 3, 2, 1]), "output shape tensor")
    operators.expectInvalid(transposeConv(outputShape: [1, 2, 2, 1], filterShape: [1, 1, 2, 2]), "does not map")
  }
}

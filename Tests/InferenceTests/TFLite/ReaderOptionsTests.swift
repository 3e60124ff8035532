import Inference
import Testing

/// Builtin options: each op's fields, the schema defaults, and one negative test per rule.
@Suite struct ReaderOptionsTests {
  func options(_ code: Int32, version: Int32 = 1, _ options: TestModel.Options?) throws -> OperatorOptions {
    try Model(flatbuffer: TestModel.single(code: code, version: version, options: options).bytes).operators[0].options
  }

  func error(_ code: Int32, _ options: TestModel.Options?) -> ModelError? {
    readError(TestModel.single(code: code, options: options).bytes)
  }

  @Test func readsConv2DOptions() throws {
    let fields: [(field: Int, value: FlatField)] = [
      (0, .int8(1)), (1, .int32(2)), (2, .int32(3)), (3, .int8(1)), (4, .int32(4)), (5, .int32(5)),
    ]
    #expect(
      try options(3, .init(1, fields))
        == .conv2D(
          Conv2DOptions(
            padding: .valid, strideWidth: 2, strideHeight: 3, dilationWidth: 4, dilationHeight: 5, activation: .relu)))
  }

  @Test func readsDepthwiseConv2DOptionsWithDefaultDilation() throws {
    let fields: [(field: Int, value: FlatField)] = [
      (1, .int32(2)), (2, .int32(2)), (3, .int32(1)), (4, .int8(3)),
    ]
    #expect(
      try options(4, .init(2, fields))
        == .depthwiseConv2D(
          DepthwiseConv2DOptions(
            padding: .same, strideWidth: 2, strideHeight: 2, depthMultiplier: 1, dilationWidth: 1,
            dilationHeight: 1, activation: .relu6)))
  }

  @Test func readsPool2DOptions() throws {
    let fields: [(field: Int, value: FlatField)] = [
      (0, .int8(1)), (1, .int32(1)), (2, .int32(2)), (3, .int32(7)), (4, .int32(6)), (5, .int8(2)),
    ]
    let expected = OperatorOptions.pool2D(
      Pool2DOptions(
        padding: .valid, strideWidth: 1, strideHeight: 2, filterWidth: 7, filterHeight: 6, activation: .reluN1To1))
    #expect(try options(1, .init(5, fields)) == expected)
    #expect(try options(17, .init(5, fields)) == expected)
  }

  @Test func readsFullyConnectedOptions() throws {
    #expect(
      try options(9, version: 5, .init(8, [(0, .int8(1)), (2, .bool(true))]))
        == .fullyConnected(FullyConnectedOptions(activation: .relu, keepNumDims: true)))
    #expect(try options(9, nil) == .fullyConnected(FullyConnectedOptions(activation: .none, keepNumDims: false)))
  }

  @Test func readsStridedSlicePackGatherAndReducerOptions() throws {
    let slice: [(field: Int, value: FlatField)] = [
      (0, .int32(1)), (1, .int32(2)), (2, .int32(0)), (3, .int32(0)), (4, .int32(8)), (5, .bool(true)),
    ]
    #expect(
      try options(45, version: 8, .init(32, slice))
        == .stridedSlice(StridedSliceOptions(beginMask: 1, endMask: 2, shrinkAxisMask: 8, offset: true)))
    #expect(try options(45, nil) == .stridedSlice(StridedSliceOptions()))
    #expect(try options(83, .init(59, [(0, .int32(3)), (1, .int32(-1))])) == .pack(valuesCount: 3, axis: -1))
    #expect(
      try options(36, version: 5, .init(23, [(0, .int32(2)), (1, .int32(1))])) == .gather(axis: 2, batchDimensions: 1))
    #expect(try options(36, nil) == .gather(axis: 0, batchDimensions: 0))
    #expect(try options(81, .init(27, [(0, .bool(true))])) == .reducer(keepDimensions: true))
  }

  @Test func rejectsPackWithoutValues() {
    #expect(
      error(83, .init(59, [(0, .int32(0))]))
        == .invalidOperator(index: 0, name: "PACK v1", reason: "values count is 0, must be positive"))
    #expect(
      error(83, nil) == .invalidOperator(index: 0, name: "PACK v1", reason: "values count is 0, must be positive"))
  }

  @Test func rejectsOptionsOfAnotherTableForTheNewOperators() {
    for (code, name) in [(Int32(45), "STRIDED_SLICE v1"), (83, "PACK v1"), (36, "GATHER v1"), (81, "REDUCE_PROD v1")] {
      #expect(
        error(code, .init(1, [(1, .int32(1))]))?.description.hasPrefix(
          "operator 0 (\(name)): its options are of union type 1")
          == true)
    }
  }

  @Test func readsElementwiseOptions() throws {
    #expect(try options(0, .init(11, [(0, .int8(3))])) == .elementwise(activation: .relu6))
    #expect(try options(41, .init(28, [(0, .int8(1))])) == .elementwise(activation: .relu))
    #expect(try options(18, .init(21, [(0, .int8(0))])) == .elementwise(activation: .none))
    #expect(try options(0, nil) == .elementwise(activation: .none))
  }

  @Test func readsTheOtherOptions() throws {
    #expect(
      try options(2, .init(10, [(0, .int32(-1)), (1, .int8(3))])) == .concatenation(axis: -1, activation: .relu6))
    #expect(try options(25, .init(9, [(0, .float(0.5))])) == .softmax(beta: 0.5))
    #expect(try options(43, .init(30, [(0, .offset(.int32s([1, 2])))])) == .squeeze(dimensions: [1, 2]))
    #expect(try options(43, nil) == .squeeze(dimensions: []))
    #expect(try options(40, .init(27, [(0, .bool(true))])) == .reducer(keepDimensions: true))
    #expect(try options(40, nil) == .reducer(keepDimensions: false))
    #expect(try options(22, .init(17, [(0, .offset(.int32s([-1, 8])))])) == .reshape(newShape: [-1, 8]))
    #expect(try options(22, .init(17, [(0, .offset(.int32s([])))])) == .reshape(newShape: []))
    #expect(try options(22, .init(17, [])) == .reshape(newShape: nil))
    for code: Int32 in [6, 14, 34, 114, 117] {
      #expect(try options(code, nil) == OperatorOptions.none)
    }
  }

  @Test func rejectsOptionsOfAnotherOperator() {
    #expect(
      error(3, .init(11, [(0, .int8(0))]))
        == .invalidOperator(index: 0, name: "CONV_2D v1", reason: "its options are of union type 11, expected 1"))
  }

  @Test func rejectsMissingOrZeroStrides() {
    #expect(
      error(3, nil) == .invalidOperator(index: 0, name: "CONV_2D v1", reason: "stride width is 0, must be positive"))
    #expect(
      error(4, .init(2, [(1, .int32(1)), (2, .int32(-1))]))
        == .invalidOperator(index: 0, name: "DEPTHWISE_CONV_2D v1", reason: "stride height is -1, must be positive"))
    #expect(
      error(17, .init(5, [(1, .int32(1)), (2, .int32(1)), (3, .int32(0)), (4, .int32(2))]))
        == .invalidOperator(index: 0, name: "MAX_POOL_2D v1", reason: "filter width is 0, must be positive"))
  }

  @Test func rejectsZeroDilation() {
    #expect(
      error(3, .init(1, [(1, .int32(1)), (2, .int32(1)), (5, .int32(0))]))
        == .invalidOperator(index: 0, name: "CONV_2D v1", reason: "dilation height is 0, must be positive"))
  }

  @Test func rejectsUnknownPaddingAndActivation() {
    #expect(
      error(3, .init(1, [(0, .int8(2)), (1, .int32(1)), (2, .int32(1))]))
        == .invalidOperator(index: 0, name: "CONV_2D v1", reason: "padding 2 is neither SAME nor VALID"))
    #expect(
      error(0, .init(11, [(0, .int8(6))]))
        == .invalidOperator(index: 0, name: "ADD v1", reason: "fused activation 6 is unknown"))
  }

  @Test func rejectsNegativeDepthMultiplier() {
    #expect(
      error(4, .init(2, [(1, .int32(1)), (2, .int32(1)), (3, .int32(-2))]))
        == .invalidOperator(index: 0, name: "DEPTHWISE_CONV_2D v1", reason: "depth multiplier is -2"))
  }

  @Test func rejectsShuffledFullyConnectedWeights() {
    #expect(
      error(9, .init(8, [(1, .int8(1))]))
        == .invalidOperator(
          index: 0, name: "FULLY_CONNECTED v1", reason: "weights format 1 is not supported (only DEFAULT)"))
  }

  @Test func rejectsQuantizedBiasTypes() {
    #expect(
      error(9, .init(8, [(4, .int8(9))]))
        == .invalidOperator(index: 0, name: "FULLY_CONNECTED v1", reason: "quantized_bias_type is not supported"))
    #expect(
      error(3, .init(1, [(1, .int32(1)), (2, .int32(1)), (6, .int8(2))]))
        == .invalidOperator(index: 0, name: "CONV_2D v1", reason: "quantized_bias_type is not supported"))
  }

  @Test(arguments: [Float(0), -1, .nan, .infinity])
  func rejectsSoftmaxBetaThatIsNotFinitePositive(beta: Float) {
    #expect(
      error(25, .init(9, [(0, .float(beta))]))
        == .invalidOperator(index: 0, name: "SOFTMAX v1", reason: "beta is \(beta), not a finite positive number"))
  }

  @Test func rejectsSoftmaxWithoutOptions() {
    #expect(
      error(25, nil)
        == .invalidOperator(index: 0, name: "SOFTMAX v1", reason: "beta is 0.0, not a finite positive number"))
  }

  @Test func readsLeakyReluAndGeluOptions() throws {
    #expect(try options(98, .init(75, [(0, .float(0.2))])) == .leakyRelu(alpha: 0.2))
    #expect(try options(98, nil) == .leakyRelu(alpha: 0))
    #expect(try options(150, version: 2, .init(116, [(0, .bool(true))])) == .gelu(approximate: true))
    #expect(try options(150, version: 2, nil) == .gelu(approximate: false))
    for code: Int32 in [19, 20, 21, 28, 54, 55, 57, 59, 76, 99] {
      #expect(try options(code, nil) == OperatorOptions.none)
    }
  }

  @Test(arguments: [Float.nan, .infinity, -.infinity])
  func rejectsLeakyReluAlphaThatIsNotFinite(alpha: Float) {
    #expect(
      error(98, .init(75, [(0, .float(alpha))]))
        == .invalidOperator(index: 0, name: "LEAKY_RELU v1", reason: "alpha is \(alpha), not a finite number"))
  }

  @Test func rejectsGeluWithLeakyReluOptions() {
    #expect(
      readError(TestModel.single(code: 150, version: 2, options: .init(75, [(0, .float(0.2))])).bytes)
        == .invalidOperator(index: 0, name: "GELU v2", reason: "its options are of union type 75, expected 116"))
  }
}

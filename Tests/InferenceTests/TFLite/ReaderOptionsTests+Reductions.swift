import Inference
import Testing

/// The options of the reductions, ARG_MAX/ARG_MIN, L2_NORMALIZATION, BATCH_MATMUL and TRANSPOSE_CONV.
extension ReaderOptionsTests {
  @Test func readsReducerOptionsOfEveryReduction() throws {
    for code: Int32 in [74, 82, 89] {
      #expect(try options(code, .init(27, [(0, .bool(true))])) == .reducer(keepDimensions: true))
      #expect(try options(code, nil) == .reducer(keepDimensions: false))
    }
  }

  @Test func readsArgMinMaxOutputType() throws {
    #expect(try options(56, .init(40, [(0, .int8(2))])) == .argMinMax(outputType: .int32))
    #expect(try options(79, .init(57, [(0, .int8(4))])) == .argMinMax(outputType: .int64))
  }

  @Test func rejectsArgMinMaxOutputTypesOtherThanInt32OrInt64() {
    #expect(
      error(56, .init(40, [(0, .int8(9))]))
        == .invalidOperator(index: 0, name: "ARG_MAX v1", reason: "output type 9 is neither int32 nor int64"))
    #expect(
      error(79, nil)
        == .invalidOperator(index: 0, name: "ARG_MIN v1", reason: "output type 0 is neither int32 nor int64"))
  }

  @Test func readsBatchMatMulOptions() throws {
    #expect(
      try options(126, .init(101, [(0, .bool(true))])) == .batchMatMul(adjointX: true, adjointY: false))
    #expect(try options(126, nil) == .batchMatMul(adjointX: false, adjointY: false))
  }

  @Test func readsTransposeConvOptions() throws {
    #expect(
      try options(67, .init(49, [(0, .int8(1)), (1, .int32(2)), (2, .int32(3)), (3, .int8(1))]))
        == .transposeConv(TransposeConvOptions(padding: .valid, strideWidth: 2, strideHeight: 3, activation: .relu)))
  }

  @Test func rejectsBadTransposeConvOptions() {
    #expect(
      error(67, nil)
        == .invalidOperator(index: 0, name: "TRANSPOSE_CONV v1", reason: "stride width is 0, must be positive"))
    #expect(
      error(67, .init(49, [(1, .int32(1)), (2, .int32(1)), (4, .int8(9))]))
        == .invalidOperator(index: 0, name: "TRANSPOSE_CONV v1", reason: "quantized_bias_type is not supported"))
  }

  @Test func readsL2NormOptionsAndLogSoftmaxHasNone() throws {
    #expect(try options(11, .init(12, [(0, .int8(1))])) == .l2Normalization(activation: .relu))
    #expect(try options(50, nil) == OperatorOptions.none)
    #expect(
      error(11, .init(12, [(0, .int8(7))]))
        == .invalidOperator(index: 0, name: "L2_NORMALIZATION v1", reason: "fused activation 7 is unknown"))
  }
}

import Inference
import Testing

/// One negative test per quantization rule; `TestModel.conv`'s tensor 0 "input" is int8 per-tensor, tensor 1
/// "weights" int8 [2, 1, 1, 3] per-channel along dimension 0.
@Suite struct ReaderQuantizationTests {
  func inputError(_ reason: String) -> ModelError { .invalidQuantization(index: 0, name: "input", reason: reason) }
  func weightsError(_ reason: String) -> ModelError {
    .invalidQuantization(index: 1, name: "weights", reason: reason)
  }

  @Test func requiresQuantizationOnInt8AndInt16Tensors() {
    var model = TestModel.conv
    model.tensors[0].quantization = nil
    #expect(readError(model.bytes) == inputError("INT8 tensors must be quantized"))
    model.tensors[0].quantization = .init(scales: [], zeroPoints: [])
    #expect(readError(model.bytes) == inputError("INT8 tensors must be quantized"), "empty parameters")
    model.tensors[0].type = 7
    model.tensors[0].quantization = nil
    #expect(readError(model.bytes) == inputError("INT16 tensors must be quantized"))
  }

  @Test func floatTensorsNeedNoQuantization() throws {
    var model = TestModel.conv
    model.tensors[0].type = 0
    model.tensors[0].quantization = .init(scales: [], zeroPoints: nil)
    #expect(try Model(flatbuffer: model.bytes).tensors[0].quantization == nil)
  }

  @Test(arguments: [Float(0), -0.5, .nan, .infinity, -.infinity])
  func rejectsScalesThatAreNotFinitePositive(scale: Float) {
    var model = TestModel.conv
    model.tensors[1].quantization?.scales = [0.1, scale]
    #expect(readError(model.bytes) == weightsError("scale 1 is \(scale), not a finite positive number"))
  }

  @Test func rejectsMissingOrMismatchedZeroPoints() {
    var model = TestModel.conv
    model.tensors[1].quantization?.zeroPoints = nil
    #expect(readError(model.bytes) == weightsError("2 scales but no zero points"))
    model.tensors[1].quantization?.zeroPoints = [0]
    #expect(readError(model.bytes) == weightsError("2 scales but 1 zero points"))
  }

  @Test func rejectsPerChannelCountsThatDoNotMatchTheDimension() throws {
    var model = TestModel.conv
    model.tensors[1].quantization = .init(scales: [0.1, 0.2, 0.3], zeroPoints: [0, 0, 0])
    #expect(
      readError(model.bytes)
        == weightsError("3 per-channel scales, but dimension 0 of shape [2, 1, 1, 3] has 2 entries"))
    model.tensors[1].quantization?.dimension = 3
    #expect(try Model(flatbuffer: model.bytes).tensors[1].quantization?.dimension == 3, "3 matches dimension 3")
    model.tensors[1].quantization?.dimension = 1
    #expect(
      readError(model.bytes)
        == weightsError("3 per-channel scales, but dimension 1 of shape [2, 1, 1, 3] has 1 entries"))
  }

  @Test func rejectsQuantizedDimensionsOutsideTheShape() {
    var model = TestModel.conv
    model.tensors[1].quantization?.dimension = 4
    #expect(readError(model.bytes) == weightsError("quantized dimension 4 is outside shape [2, 1, 1, 3]"))
    model.tensors[1].quantization?.dimension = -1
    #expect(readError(model.bytes) == weightsError("quantized dimension -1 is outside shape [2, 1, 1, 3]"))
  }

  @Test func rejectsZeroPointsOutsideTheType() {
    var model = TestModel.conv
    model.tensors[0].quantization?.zeroPoints = [128]
    #expect(readError(model.bytes) == inputError("zero point 0 is 128, outside -128…127"))
    model.tensors[0].quantization?.zeroPoints = [-129]
    #expect(readError(model.bytes) == inputError("zero point 0 is -129, outside -128…127"))
    model.tensors[0].type = 3  // uint8
    model.tensors[0].quantization?.zeroPoints = [-1]
    #expect(readError(model.bytes) == inputError("zero point 0 is -1, outside 0…255"))
    model.tensors[0].type = 7  // int16
    model.tensors[0].quantization?.zeroPoints = [40000]
    #expect(readError(model.bytes) == inputError("zero point 0 is 40000, outside -32768…32767"))
    model = TestModel.conv
    model.tensors[2].quantization?.zeroPoints = [0, 1 << 40]
    #expect(
      readError(model.bytes)
        == .invalidQuantization(
          index: 2, name: "bias", reason: "zero point 1 is 1099511627776, outside -2147483648…2147483647"))
  }

  @Test func rejectsCustomQuantization() {
    var model = TestModel.conv
    model.tensors[1].quantization?.customDetails = true
    #expect(readError(model.bytes) == weightsError("custom quantization details are not supported"))
  }
}

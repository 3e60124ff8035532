import Inference
import Testing

/// One negative test per tensor rule; `TestModel.conv`'s tensor 1 is "weights", int8 [2, 1, 1, 3] in buffer 1.
@Suite struct ReaderTensorTests {
  func weightsError(_ reason: String) -> ModelError { .invalidTensor(index: 1, name: "weights", reason: reason) }

  @Test func rejectsConstantDataOfTheWrongSize() {
    var model = TestModel.conv
    model.buffers[1].data = [1, 2, 3, 4, 5]
    #expect(readError(model.bytes) == weightsError("shape [2, 1, 1, 3] of INT8 needs 6 bytes, buffer 1 has 5"))
    model = TestModel.conv
    model.tensors[1].shape = [2, 1, 1, 4]
    #expect(readError(model.bytes) == weightsError("shape [2, 1, 1, 4] of INT8 needs 8 bytes, buffer 1 has 6"))
    model = TestModel.conv
    model.tensors[2].shape = [1]
    #expect(
      readError(model.bytes)
        == .invalidTensor(index: 2, name: "bias", reason: "shape [1] of INT32 needs 4 bytes, buffer 2 has 8"))
  }

  @Test func rejectsNegativeDimensions() {
    var model = TestModel.conv
    model.tensors[1].shape = [2, -1, 1, 3]
    #expect(readError(model.bytes) == weightsError("shape [2, -1, 1, 3] has a negative dimension"))
  }

  @Test func rejectsShapesTooLargeToAddress() {
    var model = TestModel.conv
    model.tensors[1].shape = [65536, 65536, 2]
    #expect(readError(model.bytes) == weightsError("shape [65536, 65536, 2] needs more than 2147483647 bytes"))
    model.tensors[1].shape = [Int32.max, Int32.max, Int32.max, Int32.max, Int32.max]
    #expect(
      readError(model.bytes)
        == weightsError(
          "shape [2147483647, 2147483647, 2147483647, 2147483647, 2147483647] needs more than 2147483647 bytes"))
  }

  @Test func acceptsEmptyAndScalarShapes() throws {
    var model = TestModel.conv
    model.tensors[4].shape = [0, 5]
    model.tensors[4].buffer = 0
    model.tensors[0].shape = []
    let parsed = try Model(flatbuffer: model.bytes)
    #expect(parsed.tensors[4].elementCount == 0)
    #expect(parsed.tensors[0].elementCount == 1)
  }

  @Test func rejectsUnknownAndStringTypes() {
    var model = TestModel.conv
    model.tensors[1].type = 17  // INT4
    #expect(readError(model.bytes) == weightsError("unsupported element type 17"))
    model.tensors[1].type = -3
    #expect(readError(model.bytes) == weightsError("unsupported element type -3"))
    model.tensors[1].type = 5
    #expect(readError(model.bytes) == weightsError("string tensors are not supported"))
  }

  @Test func rejectsSparseTensors() {
    var model = TestModel.conv
    model.tensors[1].sparse = true
    #expect(readError(model.bytes) == weightsError("sparse tensors are not supported"))
  }

  @Test func rejectsBufferIndicesOutOfRange() {
    var model = TestModel.conv
    model.tensors[1].buffer = 5
    #expect(readError(model.bytes) == weightsError("buffer 5 does not exist (the model has 5 buffers)"))
    model.tensors[1].buffer = UInt32.max
    #expect(readError(model.bytes) == weightsError("buffer 4294967295 does not exist (the model has 5 buffers)"))
  }

  @Test func rejectsExternalBuffersOutsideTheFile() {
    var model = TestModel.conv
    model.buffers[1] = .init(offset: 16, size: 6)
    let size = model.bytes.count
    model.buffers[1].offset = UInt64(size - 5)
    #expect(readError(model.bytes) == .outOfBounds(what: "buffer 1 data (6 bytes at offset \(size - 5))"))
    model.buffers[1] = .init(offset: UInt64.max - 1, size: 6)
    #expect(readError(model.bytes) == .outOfBounds(what: "buffer 1 data (6 bytes at offset \(UInt64.max - 1))"))
    model.buffers[1] = .init(offset: 16, size: UInt64.max)
    #expect(readError(model.bytes) == .outOfBounds(what: "buffer 1 data (\(UInt64.max) bytes at offset 16)"))
  }

  @Test func rejectsBuffersWithBothInlineAndExternalData() {
    var model = TestModel.conv
    model.buffers[1].offset = 16
    model.buffers[1].size = 6
    #expect(readError(model.bytes) == .malformed(what: "buffer 1 has both inline data and an offset"))
  }
}

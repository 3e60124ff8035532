import Inference
import Testing

/// The error reading `bytes` throws, or nil if they parse.
func readError(_ bytes: [UInt8]) -> ModelError? {
  do {
    _ = try Model(flatbuffer: bytes)
    return nil
  } catch {
    return error
  }
}

@Suite struct ReaderValidModelTests {
  @Test func readsEveryFieldOfAValidModel() throws {
    let bytes = TestModel.conv.bytes
    let model = try Model(flatbuffer: bytes)

    #expect(model.bytes == bytes)
    #expect(model.description == "test model")
    #expect(model.inputs == [0])
    #expect(model.outputs == [5])
    #expect(model.tensors.map(\.name) == ["input", "weights", "bias", "conv", "shape", "output"])
    #expect(model.tensors.map(\.type) == [.int8, .int8, .int32, .int8, .int32, .int8])
    #expect(model.tensors.map(\.shape) == [[1, 4, 4, 3], [2, 1, 1, 3], [2], [1, 4, 4, 2], [2], [1, 32]])

    let weights = model.tensors[1]
    #expect(weights.quantization == Quantization(scales: [0.1, 0.2], zeroPoints: [0, 0], dimension: 0))
    #expect(weights.quantization?.isPerTensor == false)
    let weightBytes = try #require(weights.data)
    #expect(Array(bytes[weightBytes]) == TestModel.weights)
    #expect(model.tensors[2].data.map { Array(bytes[$0]) } == TestModel.bias)
    #expect(model.tensors[4].data.map { Array(bytes[$0]) } == TestModel.newShape)
    #expect(model.tensors[4].quantization == nil)
    #expect(model.tensors[0].quantization == Quantization(scales: [0.5], zeroPoints: [-1]))
    #expect(model.tensors[0].data == nil)
    #expect(model.tensors[3].data == nil, "an empty buffer other than 0 also means an activation")

    #expect(model.operators.count == 2)
    let conv = model.operators[0]
    #expect(conv.kind == .conv2D)
    #expect(conv.version == 3)
    #expect(conv.inputs == [0, 1, 2])
    #expect(conv.outputs == [3])
    #expect(
      conv.options
        == .conv2D(
          Conv2DOptions(
            padding: .same, strideWidth: 1, strideHeight: 1, dilationWidth: 1, dilationHeight: 1,
            activation: .relu6)))
    #expect(model.operators[1].kind == .reshape)
    #expect(model.operators[1].options == .reshape(newShape: [1, 32]))
  }

  @Test func missingOptionalPartsTakeSchemaDefaults() throws {
    var model = TestModel.conv
    model.description = nil
    model.tensors[0].name = nil
    model.tensors[0].shape = nil
    model.tensors[0].type = 0
    model.tensors[0].quantization = nil
    model.operators[1].options = nil
    model.codes[1].version = 1
    let parsed = try Model(flatbuffer: model.bytes)
    #expect(parsed.description == "")
    #expect(parsed.tensors[0].name == "")
    #expect(parsed.tensors[0].shape == [], "an absent shape is a scalar")
    #expect(parsed.tensors[0].type == .float32)
    #expect(parsed.operators[1].options == .reshape(newShape: nil))
  }

  @Test func readsOldFilesThatOnlySetTheDeprecatedCode() throws {
    var model = TestModel.conv
    model.codes[0].deprecatedOnly = true
    #expect(try Model(flatbuffer: model.bytes).operators[0].kind == .conv2D)
  }

  @Test func readsCodesAbove127FromTheExtendedField() throws {
    // QUANTIZE (114) fits the int8 field; CONV_3D (132) does not, and old readers see 127, the placeholder.
    let model = TestModel.single(code: 132)
    #expect(
      readError(model.bytes) == .unsupportedOperators([UnsupportedOperator(name: "CONV_3D", version: 1, firstIndex: 0)])
    )
    #expect(try Model(flatbuffer: TestModel.single(code: 114).bytes).operators[0].kind == .quantize)
  }

  @Test func ignoresSubgraphsAfterTheFirst() throws {
    var model = TestModel.conv
    model.extraSubgraphs = 2
    #expect(try Model(flatbuffer: model.bytes).operators.count == 2)
  }

  @Test func readsBuffersStoredAfterTheFlatbuffer() throws {
    var model = TestModel.conv
    model.buffers[1] = .init(offset: 2, size: 6)  // a placeholder offset: the layout does not depend on it
    let size = model.bytes.count
    // The converter aligns external buffers to 16 bytes; the offset counts from the start of the file.
    let padding = [UInt8](repeating: 0, count: 16 - size % 16)
    model.trailer = padding + TestModel.weights
    model.buffers[1].offset = UInt64(size + padding.count)
    let bytes = model.bytes
    #expect(Array(bytes.suffix(6)) == TestModel.weights)
    let parsed = try Model(flatbuffer: bytes)
    #expect(parsed.tensors[1].data == size + padding.count..<size + padding.count + 6)
  }

  @Test func offsetsOfOneOrLessMeanNoExternalData() throws {
    var model = TestModel.conv
    model.tensors[1].buffer = 4
    model.buffers[4] = .init(offset: 1, size: 6)
    #expect(try Model(flatbuffer: model.bytes).tensors[1].data == nil)
  }
}

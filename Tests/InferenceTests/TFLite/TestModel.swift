/// A TFLite model described field by field, written with `FlatFile` so that tests control every byte. Field
/// numbers are written out here independently of the reader's `Schema` (from schema.fbs), so a wrong number on
/// either side shows up as a failing test rather than cancelling out.
struct TestModel {
  struct OperatorCode {
    var code: Int32
    var version: Int32 = 1
    var custom: String? = nil
    /// What old files carry: only the int8 `deprecated_builtin_code`, no `builtin_code`.
    var deprecatedOnly = false
  }

  struct Quantization {
    var scales: [Float]
    var zeroPoints: [Int64]?
    var dimension: Int32 = 0
    var customDetails = false
  }

  struct Tensor {
    var name: String?
    var type: Int8
    var shape: [Int32]?
    var buffer: UInt32 = 0
    var quantization: Quantization? = nil
    var sparse = false
  }

  struct Operator {
    var opcode: UInt32
    var inputs: [Int32]
    var outputs: [Int32]
    var options: Options? = nil
  }

  /// A `BuiltinOptions` union value: its type and its table's fields.
  struct Options {
    var type: UInt8
    var fields: [(field: Int, value: FlatField)]
    init(_ type: UInt8, _ fields: [(field: Int, value: FlatField)]) {
      self.type = type
      self.fields = fields
    }
  }

  struct Buffer {
    var data: [UInt8]? = nil
    var offset: UInt64? = nil
    var size: UInt64? = nil
  }

  var version: UInt32 = 3
  var codes: [OperatorCode]
  var tensors: [Tensor]
  var operators: [Operator]
  var buffers: [Buffer]
  var inputs: [Int32]
  var outputs: [Int32]
  var description: String? = "test model"
  /// Subgraphs after the first; the reader ignores them.
  var extraSubgraphs = 0
  /// Bytes appended after the flatbuffer, for buffers stored by offset.
  var trailer: [UInt8] = []

  var file: FlatFile {
    var file = FlatFile(root: root)
    file.bytes += trailer
    return file
  }

  var bytes: [UInt8] { file.bytes }

  private var root: FlatNode {
    var fields: [(field: Int, value: FlatField)] = [
      (0, .uint32(version)),
      (1, .offset(.tagged("codes", .tables(codes.map(Self.node))))),
      (2, .offset(.tables([subgraph] + Array(repeating: .table([]), count: extraSubgraphs)))),
      (4, .offset(.tagged("buffers", .tables(buffers.map(Self.node))))),
    ]
    if let description { fields.append((3, .offset(.tagged("description", .string(description))))) }
    return .tagged("model", .table(fields))
  }

  private var subgraph: FlatNode {
    .tagged(
      "subgraph",
      .table([
        (0, .offset(.tagged("tensors", .tables(tensors.enumerated().map(Self.node))))),
        (1, .offset(.int32s(inputs))),
        (2, .offset(.int32s(outputs))),
        (3, .offset(.tables(operators.map(Self.node)))),
        (4, .offset(.string("main"))),
      ]))
  }

  private static func node(_ code: OperatorCode) -> FlatNode {
    var fields: [(field: Int, value: FlatField)] = [
      (0, .int8(Int8(clamping: code.code))), (2, .int32(code.version)),
    ]
    if !code.deprecatedOnly { fields.append((3, .int32(code.code))) }
    if let custom = code.custom { fields.append((1, .offset(.string(custom)))) }
    return .table(fields)
  }

  private static func node(_ index: Int, _ tensor: Tensor) -> FlatNode {
    var fields: [(field: Int, value: FlatField)] = [(1, .int8(tensor.type)), (2, .uint32(tensor.buffer))]
    if let shape = tensor.shape { fields.append((0, .offset(.int32s(shape)))) }
    if let name = tensor.name { fields.append((3, .offset(.tagged("tensor \(index) name", .string(name))))) }
    if let quantization = tensor.quantization {
      var parameters: [(field: Int, value: FlatField)] = [
        (0, .offset(.floats(quantization.scales.map { $0 - 1 }))),  // min and max: ignored by readers
        (2, .offset(.floats(quantization.scales))),
        (6, .int32(quantization.dimension)),
      ]
      if let zeroPoints = quantization.zeroPoints { parameters.append((3, .offset(.int64s(zeroPoints)))) }
      if quantization.customDetails {
        parameters += [(4, .uint8(1)), (5, .offset(.table([(0, .offset(.bytes([1, 2, 3])))])))]
      }
      fields.append((4, .offset(.table(parameters))))
    }
    if tensor.sparse { fields.append((6, .offset(.table([(0, .offset(.int32s([0, 1])))])))) }
    return .table(fields)
  }

  private static func node(_ op: Operator) -> FlatNode {
    var fields: [(field: Int, value: FlatField)] = [
      (0, .uint32(op.opcode)), (1, .offset(.int32s(op.inputs))), (2, .offset(.int32s(op.outputs))),
    ]
    if let options = op.options {
      fields += [(3, .uint8(options.type)), (4, .offset(.table(options.fields)))]
    }
    return .table(fields)
  }

  private static func node(_ buffer: Buffer) -> FlatNode {
    var fields: [(field: Int, value: FlatField)] = []
    if let data = buffer.data { fields.append((0, .offset(.bytes(data)))) }
    if let offset = buffer.offset { fields.append((1, .uint64(offset))) }
    if let size = buffer.size { fields.append((2, .uint64(size))) }
    return .table(fields)
  }
}

extension TestModel {
  static let weights: [UInt8] = [1, 2, 3, 0xFF, 0xFE, 0x80]
  static let bias: [UInt8] = littleEndian(Int32(100)) + littleEndian(Int32(-7))
  static let newShape: [UInt8] = littleEndian(Int32(1)) + littleEndian(Int32(32))

  /// CONV_2D (per-channel int8 weights, int32 bias, SAME, stride 1, ReLU6) then RESHAPE to [1, 32].
  static var conv: TestModel {
    TestModel(
      codes: [OperatorCode(code: 3, version: 3), OperatorCode(code: 22)],
      tensors: [
        Tensor(name: "input", type: 9, shape: [1, 4, 4, 3], quantization: .init(scales: [0.5], zeroPoints: [-1])),
        Tensor(
          name: "weights", type: 9, shape: [2, 1, 1, 3], buffer: 1,
          quantization: .init(scales: [0.1, 0.2], zeroPoints: [0, 0])),
        Tensor(
          name: "bias", type: 2, shape: [2], buffer: 2,
          quantization: .init(scales: [0.05, 0.1], zeroPoints: [0, 0])),
        Tensor(
          name: "conv", type: 9, shape: [1, 4, 4, 2], buffer: 4, quantization: .init(scales: [0.25], zeroPoints: [3])),
        Tensor(name: "shape", type: 2, shape: [2], buffer: 3),
        Tensor(name: "output", type: 9, shape: [1, 32], quantization: .init(scales: [0.25], zeroPoints: [3])),
      ],
      operators: [
        Operator(
          opcode: 0, inputs: [0, 1, 2], outputs: [3],
          options: Options(1, [(0, .int8(0)), (1, .int32(1)), (2, .int32(1)), (3, .int8(3))])),
        Operator(opcode: 1, inputs: [3, 4], outputs: [5], options: Options(17, [(0, .offset(.int32s([1, 32])))])),
      ],
      buffers: [Buffer(), Buffer(data: weights), Buffer(data: bias), Buffer(data: newShape), Buffer(data: [])],
      inputs: [0], outputs: [5])
  }

  /// One operator of builtin `code` (version `version`) from tensor 0 to tensor 1, both int8 [1, 8, 8, 4].
  static func single(
    code: Int32, version: Int32 = 1, options: Options? = nil,
    custom: String? = nil
  ) -> TestModel {
    let quantization = Quantization(scales: [0.5], zeroPoints: [0])
    return TestModel(
      codes: [OperatorCode(code: code, version: version, custom: custom)],
      tensors: [
        Tensor(name: "in", type: 9, shape: [1, 8, 8, 4], quantization: quantization),
        Tensor(name: "out", type: 9, shape: [1, 8, 8, 4], quantization: quantization),
      ],
      operators: [Operator(opcode: 0, inputs: [0], outputs: [1], options: options)],
      buffers: [Buffer()], inputs: [0], outputs: [1])
  }
}

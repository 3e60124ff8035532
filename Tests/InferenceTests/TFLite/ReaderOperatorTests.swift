import Inference
import Testing

/// Operator codes, versions and tensor indices; `TestModel.conv`'s operator 0 is CONV_2D v3 with inputs
/// [0, 1, 2] and output [3].
@Suite struct ReaderOperatorTests {
  func convError(_ reason: String) -> ModelError { .invalidOperator(index: 0, name: "CONV_2D v3", reason: reason) }

  @Test func rejectsOpcodeIndicesOutOfRange() {
    var model = TestModel.conv
    model.operators[1].opcode = 2
    #expect(readError(model.bytes) == .malformed(what: "operator 1 refers to operator code 2, but the model has 2"))
    model.operators[1].opcode = UInt32.max
    #expect(
      readError(model.bytes) == .malformed(what: "operator 1 refers to operator code 4294967295, but the model has 2"))
  }

  @Test func rejectsInputIndicesOutOfRange() {
    var model = TestModel.conv
    model.operators[0].inputs = [0, 1, 6]
    #expect(readError(model.bytes) == convError("input 2 refers to tensor 6, but the subgraph has 6 tensors"))
    model.operators[0].inputs = [0, -2, 2]
    #expect(readError(model.bytes) == convError("input 1 refers to tensor -2, but the subgraph has 6 tensors"))
  }

  @Test func acceptsOmittedOptionalInputs() throws {
    var model = TestModel.conv
    model.operators[0].inputs = [0, 1, -1]
    #expect(try Model(flatbuffer: model.bytes).operators[0].inputs == [0, 1, -1])
  }

  @Test func rejectsOutputIndicesOutOfRangeOrConstant() {
    var model = TestModel.conv
    model.operators[0].outputs = [-1]
    #expect(readError(model.bytes) == convError("output 0 refers to tensor -1, but the subgraph has 6 tensors"))
    model.operators[0].outputs = [1]
    #expect(readError(model.bytes) == convError("output 0 is tensor 1, a constant"))
  }

  @Test func namesUnsupportedBuiltinOperators() {
    #expect(
      readError(TestModel.single(code: 8).bytes)
        == .unsupportedOperators([UnsupportedOperator(name: "FLOOR", version: 1, firstIndex: 0)]))
    #expect(
      readError(TestModel.single(code: 132, version: 2).bytes)
        == .unsupportedOperators([UnsupportedOperator(name: "CONV_3D", version: 2, firstIndex: 0)]))
    #expect(
      readError(TestModel.single(code: 300).bytes)
        == .unsupportedOperators([UnsupportedOperator(name: "builtin operator 300", version: 1, firstIndex: 0)]))
    #expect(
      readError(TestModel.single(code: -4).bytes)
        == .unsupportedOperators([UnsupportedOperator(name: "builtin operator -4", version: 1, firstIndex: 0)]))
  }

  @Test func namesCustomOperatorsByTheirCode() {
    #expect(
      readError(TestModel.single(code: 32, custom: "TFLite_Detection_PostProcess").bytes)
        == .unsupportedOperators([
          UnsupportedOperator(name: "CUSTOM \"TFLite_Detection_PostProcess\"", version: 1, firstIndex: 0)
        ]))
  }

  @Test func reportsTheFirstOperatorUsingAnUnsupportedCode() {
    var model = TestModel.conv
    model.codes.append(.init(code: 8))  // unused codes are never judged
    #expect(readError(model.bytes) == nil)
    model.codes[1] = .init(code: 8)
    #expect(
      readError(model.bytes) == .unsupportedOperators([UnsupportedOperator(name: "FLOOR", version: 1, firstIndex: 1)]))
  }

  @Test func listsEveryUnsupportedOperatorInOneError() {
    var model = TestModel.single(code: 8)  // FLOOR
    model.codes += [.init(code: 128), .init(code: 32, custom: "Mine"), .init(code: 3, version: 3)]  // CUMSUM
    let io = [Int32(0)]
    model.operators += [
      .init(opcode: 1, inputs: io, outputs: [1]), .init(opcode: 0, inputs: io, outputs: [1]),
      .init(opcode: 2, inputs: io, outputs: [1]), .init(opcode: 1, inputs: io, outputs: [1]),
    ]
    let error = readError(model.bytes)
    #expect(
      error
        == .unsupportedOperators([
          UnsupportedOperator(name: "FLOOR", version: 1, count: 2, firstIndex: 0),
          UnsupportedOperator(name: "CUMSUM", version: 1, count: 2, firstIndex: 1),
          UnsupportedOperator(name: "CUSTOM \"Mine\"", version: 1, firstIndex: 3),
        ]))
    #expect(
      error?.description
        == "unsupported operators: FLOOR v1 ×2 (first: operator 0); CUMSUM v1 ×2 (first: operator 1); "
        + "CUSTOM \"Mine\" v1 ×1 (first: operator 3)")
  }

  @Test(arguments: [
    (Int32(3), Int32(7), "CONV_2D"), (4, 7, "DEPTHWISE_CONV_2D"), (9, 13, "FULLY_CONNECTED"), (0, 6, "ADD"),
    (2, 4, "CONCATENATION"), (22, 2, "RESHAPE"), (117, 2, "HARD_SWISH"), (114, 4, "QUANTIZE"), (3, 0, "CONV_2D"),
    (25, -1, "SOFTMAX"), (77, 2, "SHAPE"), (45, 9, "STRIDED_SLICE"), (83, 4, "PACK"), (36, 7, "GATHER"),
    (81, 3, "REDUCE_PROD"),
  ])
  func rejectsVersionsOutsideTheSupportedRange(code: Int32, version: Int32, name: String) {
    #expect(
      readError(TestModel.single(code: code, version: version).bytes)
        == .unsupportedOperators([UnsupportedOperator(name: name, version: Int(version), firstIndex: 0)]))
  }

  @Test(arguments: [
    (Int32(0), 5), (1, 3), (2, 3), (3, 6), (4, 6), (6, 5), (9, 12), (14, 3), (17, 3), (18, 7), (22, 1), (25, 3),
    (34, 4), (40, 3), (41, 5), (43, 2), (114, 3), (117, 1),
    (77, 1), (45, 8), (83, 3), (36, 6), (81, 2),
  ])
  func acceptsEachImplementedOperatorUpToItsHighestVersion(code: Int32, version: Int) throws {
    let kind = BuiltinOperator(code: code)
    #expect(kind.name != "builtin operator \(code)")
    let options = Self.validOptions[code]
    let model = try Model(
      flatbuffer: TestModel.single(code: code, version: Int32(version), options: options).bytes)
    #expect(model.operators[0].kind == kind)
    #expect(model.operators[0].version == version)
  }

  /// Options that pass validation for the ops that need some; the rest take the schema defaults.
  static var validOptions: [Int32: TestModel.Options] {
    [
      1: .init(5, [(1, .int32(1)), (2, .int32(1)), (3, .int32(2)), (4, .int32(2))]),
      3: .init(1, [(1, .int32(1)), (2, .int32(1))]),
      4: .init(2, [(1, .int32(1)), (2, .int32(1)), (3, .int32(1))]),
      17: .init(5, [(1, .int32(2)), (2, .int32(2)), (3, .int32(2)), (4, .int32(2))]),
      83: .init(59, [(0, .int32(1))]),
      25: .init(9, [(0, .float(1))]),
    ]
  }
}

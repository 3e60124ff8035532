import Testing

@testable import Inference

/// Operators with several outputs run through the interpreter, and one negative test per validation rule of the
/// data-movement operators' prepare.
@Suite struct MovementOperatorTests {
  /// One operator: input 0 is an activation of `shape`; `constants` follow as int32 tensors; `outputs` shapes.
  func model(
    _ kind: BuiltinOperator, _ shape: [Int], constants: [[Int32]] = [], outputs: [[Int]],
    options: OperatorOptions = .none, dataFirst: Bool = true, outputScale: Float = 1
  ) -> Model {
    var b = ModelBuilder()
    let input = b.activation(shape, scale: 1, zeroPoint: 0)
    let constantIndices = constants.map { b.int32Constant($0, shape: [$0.count]) }
    let outputIndices = outputs.map { b.activation($0, scale: outputScale, zeroPoint: 0) }
    let inputs = dataFirst ? [input] + constantIndices : constantIndices + [input]
    return Model(
      bytes: b.bytes, tensors: b.tensors,
      operators: [Operator(kind: kind, version: 2, inputs: inputs, outputs: outputIndices, options: options)],
      inputs: [input], outputs: outputIndices)
  }

  func expectInvalid(_ model: Model, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      _ = try Interpreter(model: model)
      Issue.record("expected an invalid-operator error mentioning \(fragment)", sourceLocation: sourceLocation)
    } catch {
      guard case .invalidOperator(_, _, let reason) = error else {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return
      }
      #expect(reason.contains(fragment), "\(reason)", sourceLocation: sourceLocation)
    }
  }

  @Test func splitWritesEveryOutput() throws {
    let interpreter = try Interpreter(
      model: model(
        .split, [1, 2, 6], constants: [[2]], outputs: [[1, 2, 2], [1, 2, 2], [1, 2, 2]],
        options: .split(count: 3), dataFirst: false))
    interpreter.withInputBytes(0) { buffer in for i in 0..<12 { buffer[i] = UInt8(i) } }
    interpreter.invoke()
    let outputs = (0..<3).map { index in interpreter.withOutputBytes(index) { Array($0) } }
    #expect(outputs == [[0, 1, 6, 7], [2, 3, 8, 9], [4, 5, 10, 11]])
  }

  @Test func unpackDropsTheAxis() throws {
    let interpreter = try Interpreter(
      model: model(.unpack, [2, 3], outputs: [[2], [2], [2]], options: .unpack(count: 3, axis: -1)))
    interpreter.withInputBytes(0) { buffer in for i in 0..<6 { buffer[i] = UInt8(i) } }
    interpreter.invoke()
    #expect((0..<3).map { index in interpreter.withOutputBytes(index) { Array($0) } } == [[0, 3], [1, 4], [2, 5]])
  }

  @Test func splitValidation() {
    expectInvalid(
      model(
        .split, [1, 5], constants: [[1]], outputs: [[1, 2], [1, 2]], options: .split(count: 2), dataFirst: false),
      "does not split into 2 parts")
    expectInvalid(
      model(
        .split, [1, 4], constants: [[2]], outputs: [[1, 2], [1, 2]], options: .split(count: 2), dataFirst: false),
      "axis must be one value")
    expectInvalid(
      model(.split, [1, 4], constants: [[1]], outputs: [[1, 2]], options: .split(count: 2), dataFirst: false),
      "expects 2 outputs, has 1")
    expectInvalid(
      model(
        .split, [1, 4], constants: [[1]], outputs: [[1, 2], [1, 3]], options: .split(count: 2), dataFirst: false),
      "output 1 shape")
    expectInvalid(
      model(.split, [1, 4], constants: [[1]], outputs: [[1, 4]], dataFirst: false), "missing SplitOptions")
    expectInvalid(
      model(
        .split, [1, 4], constants: [[1]], outputs: [[1, 2], [1, 2]], options: .split(count: 2), dataFirst: false,
        outputScale: 2), "quantization differ")
  }

  @Test func splitVValidation() {
    let split3 = OperatorOptions.split(count: 3)
    let outputs = [[1, 2], [1, 3], [1, 1]]
    expectInvalid(
      model(.splitV, [1, 6], constants: [[2, -1, -1], [1]], outputs: outputs, options: split3), "at most one")
    expectInvalid(model(.splitV, [1, 6], constants: [[2, 3], [1]], outputs: outputs, options: split3), "at most one")
    expectInvalid(model(.splitV, [1, 6], constants: [[2, 3, 2], [1]], outputs: outputs, options: split3), "add up")
    expectInvalid(model(.splitV, [1, 6], constants: [[2, 5, -1], [1]], outputs: outputs, options: split3), "add up")
  }

  @Test func unpackValidation() {
    expectInvalid(model(.unpack, [2, 3], outputs: [[2], [2]], options: .unpack(count: 2, axis: 1)), "not num 2")
    expectInvalid(model(.unpack, [2, 3], outputs: [[3], [3]], options: .unpack(count: 2, axis: 2)), "out of range")
  }

  @Test func sliceValidation() {
    expectInvalid(model(.slice, [1, 4], constants: [[0, 2], [1, 3]], outputs: [[1, 3]]), "exceed extent")
    expectInvalid(model(.slice, [1, 4], constants: [[0], [1]], outputs: [[1, 1]]), "one entry per input dimension")
    expectInvalid(model(.slice, [1, 4], constants: [[0, 1], [1, -1]], outputs: [[1, 2]]), "should be [1, 3]")
  }

  @Test func transposeValidation() {
    expectInvalid(model(.transpose, [1, 2, 3], constants: [[0, 2, 2]], outputs: [[1, 3, 2]]), "permutation")
    expectInvalid(model(.transpose, [1, 2, 3], constants: [[0, 2, 1]], outputs: [[1, 2, 3]]), "should be [1, 3, 2]")
    expectInvalid(
      model(.transpose, [1, 1, 1, 1, 1, 1, 2], constants: [[0, 1, 2, 3, 4, 5, 6]], outputs: [[1]]), "at most 6")
  }

  @Test func blockValidation() {
    expectInvalid(model(.depthToSpace, [1, 2, 2, 6], outputs: [[1, 4, 4, 1]], options: .blockSize(2)), "multiple of")
    expectInvalid(model(.spaceToDepth, [1, 3, 4, 2], outputs: [[1, 1, 2, 8]], options: .blockSize(2)), "multiples of")
    expectInvalid(model(.depthToSpace, [1, 2, 2, 8], outputs: [[1, 4, 4, 1]], options: .blockSize(2)), "should be")
    expectInvalid(model(.depthToSpace, [2, 2, 8], outputs: [[4, 4, 2]], options: .blockSize(2)), "rank 4")
  }

  @Test func resizeValidation() {
    let flags = OperatorOptions.resize(alignCorners: false, halfPixelCenters: false)
    expectInvalid(
      model(.resizeBilinear, [1, 2, 2, 1], constants: [[0, 4]], outputs: [[1, 0, 4, 1]], options: flags), "positive")
    expectInvalid(
      model(.resizeBilinear, [1, 2, 2, 1], constants: [[4]], outputs: [[1, 4, 4, 1]], options: flags), "two positive")
    expectInvalid(
      model(.resizeNearestNeighbor, [1, 2, 2, 1], constants: [[4, 4]], outputs: [[1, 4, 3, 1]], options: flags),
      "should be")
    expectInvalid(
      model(.resizeNearestNeighbor, [1, 2, 2, 1], constants: [[4, 4]], outputs: [[1, 4, 4, 1]]), "missing resize")
  }

  @Test func padValidation() {
    let reflect = OperatorOptions.mirrorPad(symmetric: false)
    expectInvalid(
      model(.mirrorPad, [1, 3], constants: [[0, 0, 3, 0]], outputs: [[1, 6]], options: reflect), "REFLECT")
    expectInvalid(
      model(.mirrorPad, [1, 3], constants: [[0, 0, 4, 0]], outputs: [[1, 7]], options: .mirrorPad(symmetric: true)),
      "exceed its extent")
    expectInvalid(
      model(.mirrorPad, [1, 3], constants: [[0, 0, -1, 0]], outputs: [[1, 2]], options: reflect), "non-negative")
    // PADV2's constant value must be an int8 constant with the output's quantization.
    expectInvalid(model(.padV2, [1, 3], constants: [[0, 0, 1, 0], [5]], outputs: [[1, 4]]), "must be int8")
  }

  /// EXPAND_DIMS's axis must be one constant value that puts the new 1 where the output has it.
  @Test func expandDimsValidation() {
    expectInvalid(model(.expandDims, [2, 3], constants: [[1]], outputs: [[2, 3, 1]]), "gives [2, 1, 3]")
    expectInvalid(model(.expandDims, [2, 3], constants: [[3]], outputs: [[2, 3, 1]]), "out of range")
    expectInvalid(model(.expandDims, [2, 3], constants: [[0, 1]], outputs: [[1, 2, 3]]), "one value")
  }

  /// Float32 PADV2 takes one float32 constant, and the output must be float32 too.
  @Test func floatPadValidation() {
    func floatPad(constant: (inout ModelBuilder) -> Int, outputType: ElementType = .float32) -> Model {
      var b = ModelBuilder()
      let input = b.floatTensor([1, 3])
      let paddings = b.int32Constant([0, 0, 1, 0], shape: [2, 2])
      let value = constant(&b)
      let output = outputType == .float32 ? b.floatTensor([1, 4]) : b.activation([1, 4], scale: 1, zeroPoint: 0)
      return Model(
        bytes: b.bytes, tensors: b.tensors,
        operators: [
          Operator(kind: .padV2, version: 2, inputs: [input, paddings, value], outputs: [output], options: .none)
        ],
        inputs: [input], outputs: [output])
    }
    expectInvalid(floatPad { $0.floatConstant([0.5, 1], shape: [2]) }, "one value")
    expectInvalid(floatPad { $0.int32Constant([1], shape: [1]) }, "must be float32")
    expectInvalid(floatPad(constant: { $0.floatConstant([0.5], shape: [1]) }, outputType: .int8), "is int8")
  }

  @Test func spaceBatchValidation() {
    expectInvalid(
      model(.spaceToBatchND, [1, 5, 4, 1], constants: [[2, 2], [0, 0, 0, 0]], outputs: [[4, 2, 2, 1]]),
      "not a multiple of block")
    expectInvalid(
      model(.batchToSpaceND, [3, 2, 2, 1], constants: [[2, 2], [0, 0, 0, 0]], outputs: [[1, 4, 4, 1]]),
      "not a multiple of the block")
    expectInvalid(
      model(.batchToSpaceND, [4, 1, 1, 1], constants: [[2, 2], [2, 0, 0, 0]], outputs: [[1, 1, 2, 1]]), "crops remove")
    expectInvalid(
      model(.spaceToBatchND, [1, 4, 4, 1], constants: [[2], [0, 0]], outputs: [[4, 2, 2, 1]]), "block_shape")
    expectInvalid(model(.spaceToBatchND, [4, 4], constants: [[2], [0, 0]], outputs: [[8, 2]]), "rank 3 or 4")
  }
}

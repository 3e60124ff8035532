import TestSupport
import Testing

@testable import Inference

/// The data-movement kernels against plain index arithmetic, on seeded random geometry, with sentinel bytes
/// after every output so that a write past its end is caught.
@Suite struct MovementKernelTests {
  static let sentinel: UInt8 = 0xA5

  /// Runs `kernel` on an output of `count` bytes followed by 64 sentinels; returns the output, after checking
  /// the sentinels.
  func guarded(_ count: Int, _ kernel: (UnsafeMutableRawPointer) -> Void) -> [UInt8] {
    var buffer = [UInt8](repeating: Self.sentinel, count: count + 64)
    buffer.withUnsafeMutableBytes { kernel($0.baseAddress!) }
    #expect(buffer[count...].allSatisfy { $0 == Self.sentinel }, "a kernel wrote past its output")
    return Array(buffer[..<count])
  }

  /// Transposes a dense tensor of `shape` (`width`-byte elements) by `permutation`, one element at a time.
  func plainTranspose(_ input: [UInt8], shape: [Int], permutation: [Int], width: Int) -> [UInt8] {
    let outputShape = permutation.map { shape[$0] }
    let inputStrides = denseStrides(shape)
    let count = shape.reduce(1, *)
    var output = [UInt8](repeating: 0, count: count * width)
    for flat in 0..<count {
      var rest = flat
      var source = 0
      for d in outputShape.indices.reversed() {
        source += (rest % outputShape[d]) * inputStrides[permutation[d]]
        rest /= outputShape[d]
      }
      for byte in 0..<width { output[flat * width + byte] = input[source * width + byte] }
    }
    return output
  }

  @Test func transposesMatchPlainIndexing() {
    var random = SeededGenerator(state: 12)
    var kernels = (map: 0, matrix: 0)
    for _ in 0..<300 {
      let rank = Int.random(in: 1...6, using: &random)
      let shape = (0..<rank).map { _ in Int.random(in: 1...5, using: &random) }
      let permutation = Array(0..<rank).shuffled(using: &random)
      let width = [1, 2, 4].randomElement(using: &random)!
      let count = shape.reduce(1, *) * width
      let input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
      let kernel = TransposePlan.kernel(shape: shape, permutation: permutation, width: width)
      if case .map = kernel { kernels.map += 1 } else { kernels.matrix += 1 }
      let output = guarded(count) { out in input.withUnsafeBytes { kernel.eval(input: $0.baseAddress!, output: out) } }
      #expect(output == plainTranspose(input, shape: shape, permutation: permutation, width: width))
    }
    #expect(kernels.map > 50 && kernels.matrix > 50)
  }

  @Test func nchwToNHWCIsAMatrixTranspose() {
    guard
      case .matrix(1, 3, 224 * 224, 1) = TransposePlan.kernel(
        shape: [1, 3, 224, 224], permutation: [0, 2, 3, 1], width: 1)
    else {
      Issue.record("NCHW to NHWC should run the matrix transpose")
      return
    }
    guard case .matrix(1, 50, 8, 4) = TransposePlan.kernel(shape: [1, 5, 10, 8], permutation: [0, 3, 1, 2], width: 4)
    else {
      Issue.record("NHWC to NCHW should run the matrix transpose")
      return
    }
  }

  @Test func copyMapMergesContiguousRuns() {
    // Rows 1 and 2 of a 1x4x3x4 tensor are 24 contiguous bytes from byte 12: one run, no loops.
    let map = CopyMap(box: [0, 1, 0, 0], size: [1, 2, 3, 4], of: [1, 4, 3, 4], width: 1)
    #expect(map.base == 12 && map.run == 24 && map.offsets.isEmpty)
    // Columns 1 and 2 of each row: a run of 8 bytes per row.
    let columns = CopyMap(box: [0, 0, 1, 0], size: [1, 4, 2, 4], of: [1, 4, 3, 4], width: 2)
    #expect(columns.base == 8 && columns.run == 16 && columns.offsets == [[0, 24, 48, 72]])
  }

  @Test func mirrorIndicesFollowTheReference() {
    // Extent 3, two before and two after.
    #expect((0..<7).map { mirrorIndex($0, before: 2, extent: 3, edge: 1) } == [2, 1, 0, 1, 2, 1, 0])
    #expect((0..<7).map { mirrorIndex($0, before: 2, extent: 3, edge: 0) } == [1, 0, 0, 1, 2, 2, 1])
  }

  @Test func bilinearKernelMatchesTheReference() throws {
    var random = SeededGenerator(state: 23)
    for round in 0..<120 {
      let (h, w, c) = (
        Int.random(in: 1...7, using: &random), Int.random(in: 1...7, using: &random),
        Int.random(in: 1...40, using: &random)
      )
      let (oh, ow) = (Int.random(in: 1...15, using: &random), Int.random(in: 1...15, using: &random))
      let flags = round % 3  // none, align corners, half-pixel centres
      let model = resizeModel(
        .resizeBilinear, input: [2, h, w, c], size: [oh, ow], alignCorners: flags == 1, halfPixelCenters: flags == 2)
      guard case .resizeBilinear(let plan) = try OperatorPlan(model: model, index: 0) else {
        Issue.record("expected a bilinear plan")
        return
      }
      let input = (0..<2 * h * w * c).map { _ in Int8.random(in: -128...127, using: &random) }
      let count = 2 * oh * ow * c
      func run(_ body: (UnsafePointer<Int8>, UnsafeMutablePointer<Int8>) -> Void) -> [UInt8] {
        guarded(count) { out in
          input.withUnsafeBufferPointer { body($0.baseAddress!, out.assumingMemoryBound(to: Int8.self)) }
        }
      }
      #expect(run(plan.eval) == run(plan.referenceEval), "\(h)x\(w)x\(c) -> \(oh)x\(ow), flags \(flags)")
    }
  }

  @Test func bilinearRoundsHalfAwayFromZero() throws {
    // Width 2 -> 3 with align_corners: the middle column is halfway, so (0, -3) gives -1.5, rounded to -2.
    let model = resizeModel(
      .resizeBilinear, input: [1, 1, 2, 1], size: [1, 3], alignCorners: true, halfPixelCenters: false)
    let interpreter = try Interpreter(model: model)
    #expect(interpreter.run([0, -3]) == [0, -2, -3])
    #expect(interpreter.run([0, 3]) == [0, 2, 3])
  }

  @Test func spaceToBatchAndBackRestoresTheInput() throws {
    var b = ModelBuilder()
    let input = b.activation([1, 5, 6, 3], scale: 1, zeroPoint: 7)
    let block = b.int32Constant([2, 2], shape: [2])
    let paddings = b.int32Constant([1, 0, 0, 2], shape: [2, 2])
    let batched = b.activation([4, 3, 4, 3], scale: 1, zeroPoint: 7)
    let crops = b.int32Constant([1, 0, 0, 2], shape: [2, 2])
    let output = b.activation([1, 5, 6, 3], scale: 1, zeroPoint: 7)
    let model = Model(
      bytes: b.bytes, tensors: b.tensors,
      operators: [
        Operator(
          kind: .spaceToBatchND, version: 2, inputs: [input, block, paddings], outputs: [batched], options: .none),
        Operator(
          kind: .batchToSpaceND, version: 2, inputs: [batched, block, crops], outputs: [output], options: .none),
      ], inputs: [input], outputs: [output])
    let interpreter = try Interpreter(model: model)
    let values = (0..<90).map { Int8($0 - 45) }
    #expect(interpreter.run(values) == values)
  }

  func resizeModel(
    _ kind: BuiltinOperator, input shape: [Int], size: [Int], alignCorners: Bool, halfPixelCenters: Bool
  ) -> Model {
    var b = ModelBuilder()
    let input = b.activation(shape, scale: 0.5, zeroPoint: 0)
    let sizeTensor = b.int32Constant(size.map { Int32($0) }, shape: [2])
    let output = b.activation([shape[0], size[0], size[1], shape[3]], scale: 0.5, zeroPoint: 0)
    return b.model(
      kind, inputs: [input, sizeTensor], output: output,
      options: .resize(alignCorners: alignCorners, halfPixelCenters: halfPixelCenters))
  }
}

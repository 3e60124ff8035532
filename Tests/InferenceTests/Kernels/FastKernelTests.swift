import TestSupport
import Testing

@testable import Inference

/// The fast kernels against the scalar reference, on seeded random shapes whose channel counts are not
/// multiples of the 16-row tile; outputs sit inside sentinel-filled buffers to catch out-of-bounds writes.
@Suite struct FastKernelTests {
  static let sentinel: Int8 = 0x5A

  func randomInt8(_ count: Int, _ g: inout some RandomNumberGenerator) -> [Int8] {
    (0..<count).map { _ in Int8.random(in: -128...127, using: &g) }
  }

  func randomConvolution(_ g: inout some RandomNumberGenerator, kernel: Int, stride: Int) -> Model {
    var b = ModelBuilder()
    let inC = Int.random(in: 1...40, using: &g)
    let outC = Int.random(in: 1...40, using: &g)
    let h = Int.random(in: kernel...12, using: &g)
    let w = Int.random(in: kernel...12, using: &g)
    let padding: Padding = Bool.random(using: &g) ? .same : .valid
    let geometry = WindowGeometry(
      input: [1, h, w, inC], outputChannels: outC, filterHeight: kernel, filterWidth: kernel, strideHeight: stride,
      strideWidth: stride, padding: padding)
    let input = b.activation([1, h, w, inC], scale: 0.02, zeroPoint: Int32.random(in: -20...20, using: &g))
    let scales = (0..<outC).map { _ in Float.random(in: 0.001...0.01, using: &g) }
    let filter = b.int8Constant(
      randomInt8(outC * kernel * kernel * inC, &g), shape: [outC, kernel, kernel, inC], scales: scales)
    let bias = b.int32Constant((0..<outC).map { _ in Int32.random(in: -5000...5000, using: &g) }, shape: [outC])
    let output = b.activation(geometry.outputShape, scale: 0.05, zeroPoint: Int32.random(in: -10...10, using: &g))
    return b.model(
      .conv2D, inputs: [input, filter, bias], output: output,
      options: .conv2D(.init(padding: padding, strideWidth: stride, strideHeight: stride, activation: .relu6)))
  }

  func compare(
    _ model: Model, count: Int, scratch: Int, _ g: inout some RandomNumberGenerator,
    fast: (UnsafePointer<Int8>, UnsafeMutablePointer<Int8>, UnsafeMutableRawPointer) -> Void,
    reference: (UnsafePointer<Int8>, UnsafeMutablePointer<Int8>) -> Void
  ) {
    let input = randomInt8(model.tensors[0].elementCount, &g)
    var expected = [Int8](repeating: Self.sentinel, count: count)
    var actual = [Int8](repeating: Self.sentinel, count: count + 64)
    let scratchMemory = UnsafeMutableRawPointer.allocate(byteCount: max(scratch, 1), alignment: 64)
    defer { scratchMemory.deallocate() }
    input.withUnsafeBufferPointer { x in
      expected.withUnsafeMutableBufferPointer { reference(x.baseAddress!, $0.baseAddress!) }
      actual.withUnsafeMutableBufferPointer { fast(x.baseAddress!, $0.baseAddress! + 32, scratchMemory) }
    }
    #expect(Array(actual[32..<(32 + count)]) == expected)
    #expect(
      actual[..<32].allSatisfy { $0 == Self.sentinel } && actual[(32 + count)...].allSatisfy { $0 == Self.sentinel })
  }

  @Test(arguments: [(1, 1), (1, 2), (3, 1), (3, 2), (5, 1)])
  func convolutionMatchesReference(kernel: Int, stride: Int) throws {
    var g = SeededGenerator(state: UInt64(kernel * 10 + stride))
    for _ in 0..<20 {
      let model = randomConvolution(&g, kernel: kernel, stride: stride)
      let plan = try Conv2DPlan(OperatorContext(model: model, index: 0))
      compare(
        model, count: model.tensors[3].elementCount, scratch: plan.scratchBytes, &g,
        fast: { plan.eval(input: $0, output: $1, scratch: $2) },
        reference: { conv2DReference(plan, input: $0, output: $1) })
    }
  }

  func fullyConnectedModel(
    batches: Int, depth: Int, units: Int, perChannel: Bool, _ g: inout some RandomNumberGenerator
  ) -> Model {
    var b = ModelBuilder()
    let input = b.activation([batches, depth], scale: 0.02, zeroPoint: Int32.random(in: -20...20, using: &g))
    let scales = perChannel ? (0..<units).map { _ in Float.random(in: 0.001...0.01, using: &g) } : [0.004]
    let filter = b.int8Constant(randomInt8(units * depth, &g), shape: [units, depth], scales: scales)
    let bias = b.int32Constant((0..<units).map { _ in Int32.random(in: -5000...5000, using: &g) }, shape: [units])
    let output = b.activation([batches, units], scale: 0.05, zeroPoint: 3)
    return b.model(
      .fullyConnected, inputs: [input, filter, bias], output: output,
      options: .fullyConnected(.init(activation: .none)))
  }

  func compareFullyConnected(_ model: Model, _ g: inout some RandomNumberGenerator) throws {
    let plan = try FullyConnectedPlan(OperatorContext(model: model, index: 0))
    compare(
      model, count: plan.batches * plan.units, scratch: plan.scratchBytes, &g,
      fast: { plan.eval(input: $0, output: $1, scratch: $2) },
      reference: { fullyConnectedReference(plan, input: $0, output: $1) })
  }

  @Test func fullyConnectedMatchesReference() throws {
    var g = SeededGenerator(state: 3)
    for _ in 0..<30 {
      let model = fullyConnectedModel(
        batches: Int.random(in: 1...6, using: &g), depth: Int.random(in: 1...70, using: &g),
        units: Int.random(in: 1...50, using: &g), perChannel: Bool.random(using: &g), &g)
      try compareFullyConnected(model, &g)
    }
  }

  /// The GEMM's edges: one pixel, depths around the 16- and 32-byte vector widths, a row count one past the
  /// 16-row block, a pixel count one past the 4-pixel tile, and a depth large enough to stress the int32 sums
  /// (1280, MobileNetV2's classifier).
  @Test(arguments: [
    (1, 1, 1), (1, 15, 16), (1, 16, 17), (5, 17, 33), (4, 31, 15), (3, 32, 16), (9, 33, 31), (1, 1280, 1001),
    (2, 960, 48),
  ])
  func gemmEdgesMatchReference(batches: Int, depth: Int, units: Int) throws {
    var g = SeededGenerator(state: UInt64(batches * 1_000_000 + depth * 1000 + units))
    try compareFullyConnected(
      fullyConnectedModel(batches: batches, depth: depth, units: units, perChannel: true, &g), &g)
  }

  /// Pools of random sizes, strides and paddings over channel counts below, at and past 16 (a last partial
  /// block, loaded whole or lane by lane at the end of the input), both kinds, with and without a ReLU6 clamp.
  @Test(arguments: [Pool2DPlan.Kind.max, .average])
  func poolMatchesReference(kind: Pool2DPlan.Kind) throws {
    var g = SeededGenerator(state: kind == .max ? 11 : 12)
    for _ in 0..<40 {
      var b = ModelBuilder()
      let channels = [1, 5, 15, 16, 17, 33, 48].randomElement(using: &g)!
      let filter = Int.random(in: 1...4, using: &g)
      let stride = Int.random(in: 1...3, using: &g)
      let (h, w) = (Int.random(in: filter...10, using: &g), Int.random(in: filter...10, using: &g))
      let padding: Padding = Bool.random(using: &g) ? .same : .valid
      let geometry = WindowGeometry(
        input: [2, h, w, channels], outputChannels: channels, filterHeight: filter, filterWidth: filter,
        strideHeight: stride, strideWidth: stride, padding: padding)
      let zeroPoint = Int32.random(in: -20...20, using: &g)
      let input = b.activation([2, h, w, channels], scale: 0.02, zeroPoint: zeroPoint)
      let output = b.activation(geometry.outputShape, scale: 0.02, zeroPoint: zeroPoint)
      let model = b.model(
        kind == .max ? .maxPool2D : .averagePool2D, inputs: [input], output: output,
        options: .pool2D(
          .init(
            padding: padding, strideWidth: stride, strideHeight: stride, filterWidth: filter, filterHeight: filter,
            activation: Bool.random(using: &g) ? .relu6 : .none)))
      guard let plan = try? Pool2DPlan(OperatorContext(model: model, index: 0), kind: kind) else { continue }
      compare(
        model, count: geometry.outputShape.reduce(1, *), scratch: 0, &g,
        fast: { input, output, _ in plan.eval(input: input, output: output) },
        reference: { pool2DReference(plan, input: $0, output: $1) })
    }
  }

  /// The average pool's division by multiply and shift, against C's division, for every window size it takes
  /// and every sum such a window can have.
  @Test func roundedQuotientIsExact() {
    for count in Int32(1)...255 {
      var sum = -128 * count
      while sum <= 127 * count {
        var sums = SIMD16<Int32>()
        for lane in 0..<16 { sums[lane] = min(sum + Int32(lane), 127 * count) }
        let quotient = roundedQuotient(sums, count)
        for lane in 0..<16 {
          let s = sums[lane]
          let expected = s > 0 ? (s + count / 2) / count : (s - count / 2) / count
          if quotient[lane] != expected {
            Issue.record("sum \(s), count \(count): \(quotient[lane]), expected \(expected)")
            return
          }
        }
        sum += 16
      }
    }
  }

  /// ADD, SUB, MUL, SQUARED_DIFFERENCE, MAXIMUM and MINIMUM, same-shape and broadcast (rank 1 to 4, any
  /// input dimension 1), against the scalar `combine` applied element by element through the broadcast strides.
  @Test(arguments: [
    (BuiltinOperator.add, ElementwisePlan.Kind.add), (.sub, .sub), (.mul, .mul),
    (.squaredDifference, .squaredDifference),
    (.maximum, .maximum), (.minimum, .minimum),
  ])
  func elementwiseMatchesScalar(kind: BuiltinOperator, planKind: ElementwisePlan.Kind) throws {
    var g = SeededGenerator(state: 21 + UInt64(kind.name.count))
    for _ in 0..<40 {
      var b = ModelBuilder()
      let rank = Int.random(in: 1...4, using: &g)
      // The last dimension up to 40: rows of 16 or more take the row-wise vector path.
      let shape = (0..<rank).map { d in Int.random(in: 1...(d == rank - 1 ? 40 : 9), using: &g) }
      let other = shape.map { Int.random(in: 0...2, using: &g) == 0 ? 1 : $0 }
      let x = b.activation(shape, scale: 0.02, zeroPoint: Int32.random(in: -20...20, using: &g))
      let y = b.activation(other, scale: Float.random(in: 0.01...0.05, using: &g), zeroPoint: 5)
      let output = b.activation(shape, scale: 0.04, zeroPoint: Int32.random(in: -10...10, using: &g))
      let fused: FusedActivation = Bool.random(using: &g) ? .relu : .none
      let options: OperatorOptions = [.add, .sub, .mul].contains(kind) ? .elementwise(activation: fused) : .none
      let model = b.model(kind, inputs: [x, y], output: output, options: options)
      let plan = try ElementwisePlan(OperatorContext(model: model, index: 0), kind: planKind)
      let a = randomInt8(shape.reduce(1, *), &g)
      let c = randomInt8(other.reduce(1, *), &g)
      var expected: [Int8] = []
      for i in 0..<plan.broadcast.count {
        var (rest, offsetA, offsetC) = (i, 0, 0)
        for d in stride(from: 5, through: 0, by: -1) {
          offsetA += rest % plan.broadcast.shape[d] * plan.broadcast.strides1[d]
          offsetC += rest % plan.broadcast.shape[d] * plan.broadcast.strides2[d]
          rest /= plan.broadcast.shape[d]
        }
        expected.append(plan.combine(a[offsetA], c[offsetC]))
      }
      var actual = [Int8](repeating: Self.sentinel, count: plan.broadcast.count + 32)
      actual.withUnsafeMutableBufferPointer { out in plan.eval(a, c, output: out.baseAddress! + 16) }
      #expect(Array(actual[16..<(16 + plan.broadcast.count)]) == expected)
      #expect(
        actual[..<16].allSatisfy { $0 == Self.sentinel }
          && actual[(16 + plan.broadcast.count)...].allSatisfy { $0 == Self.sentinel })
    }
  }
}

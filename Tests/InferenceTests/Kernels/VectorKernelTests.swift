import Foundation
import TestSupport
import Testing

@testable import Inference

/// The vector depthwise, requantization and ADD/SUB kernels against their scalar references, on random shapes
/// with channel counts that are not multiples of 16 and sentinel-filled outputs.
@Suite struct VectorKernelTests {
  func randomInt8(_ count: Int, _ g: inout some RandomNumberGenerator) -> [Int8] {
    (0..<count).map { _ in Int8.random(in: -128...127, using: &g) }
  }

  @Test(arguments: [(3, 1, 1, 1), (3, 2, 1, 1), (3, 1, 2, 1), (5, 2, 1, 1), (1, 1, 1, 1), (3, 2, 1, 2), (5, 1, 1, 3)])
  func depthwiseMatchesReference(kernel: Int, stride: Int, dilation: Int, multiplier: Int) throws {
    var g = SeededGenerator(state: 1001)
    for _ in 0..<20 {
      var b = ModelBuilder()
      let inputChannels = Int.random(in: 1...(multiplier == 1 ? 50 : 12), using: &g)
      let channels = inputChannels * multiplier
      let extent = (kernel - 1) * dilation + 1
      let h = Int.random(in: extent...11, using: &g)
      let w = Int.random(in: extent...11, using: &g)
      let padding: Padding = Bool.random(using: &g) ? .same : .valid
      let geometry = WindowGeometry(
        input: [1, h, w, inputChannels], outputChannels: channels, filterHeight: kernel, filterWidth: kernel,
        strideHeight: stride, strideWidth: stride, dilationHeight: dilation, dilationWidth: dilation, padding: padding)
      let input = b.activation(
        [1, h, w, inputChannels], scale: 0.02, zeroPoint: Int32.random(in: -128...127, using: &g))
      let scales = (0..<channels).map { _ in Float.random(in: 0.001...0.05, using: &g) }
      let filter = b.int8Constant(
        randomInt8(kernel * kernel * channels, &g), shape: [1, kernel, kernel, channels], scales: scales, dimension: 3)
      let bias = b.int32Constant(
        (0..<channels).map { _ in Int32.random(in: -20000...20000, using: &g) }, shape: [channels])
      let output = b.activation(geometry.outputShape, scale: 0.03, zeroPoint: Int32.random(in: -10...10, using: &g))
      let model = b.model(
        .depthwiseConv2D, inputs: [input, filter, bias], output: output,
        options: .depthwiseConv2D(
          .init(
            padding: padding, strideWidth: stride, strideHeight: stride, depthMultiplier: multiplier,
            dilationWidth: dilation,
            dilationHeight: dilation, activation: .relu6)))
      let plan = try DepthwiseConv2DPlan(OperatorContext(model: model, index: 0))
      let x = randomInt8(h * w * inputChannels, &g)
      let count = geometry.outputShape.reduce(1, *)
      var expected = [Int8](repeating: 0x5A, count: count)
      var actual = [Int8](repeating: 0x5A, count: count + 64)
      let scratch = UnsafeMutableRawPointer.allocate(byteCount: plan.scratchBytes, alignment: 64)
      defer { scratch.deallocate() }
      x.withUnsafeBufferPointer { x in
        expected.withUnsafeMutableBufferPointer {
          depthwiseConv2DReference(plan, input: x.baseAddress!, output: $0.baseAddress!)
        }
        actual.withUnsafeMutableBufferPointer {
          plan.eval(input: x.baseAddress!, output: $0.baseAddress! + 32, scratch: scratch)
        }
      }
      #expect(Array(actual[32..<(32 + count)]) == expected)
      #expect(actual[..<32].allSatisfy { $0 == 0x5A } && actual[(32 + count)...].allSatisfy { $0 == 0x5A })
    }
  }

  @Test func vectorMultiplyMatchesScalar() {
    var g = SeededGenerator(state: 1002)
    let edges: [Int32] = [0, 1, -1, 2, -2, .max, .min, .max - 1, .min + 1, 1 << 30, -(1 << 30)]
    for _ in 0..<2000 {
      let real = Double.random(in: -40...8, using: &g)
      let m = QuantizedMultiplier(
        Double.random(in: 0.5...1, using: &g) * Double.random(in: 0...1, using: &g) < 0.02 ? 0 : exp2(real))
      var x = SIMD16<Int32>()
      for i in 0..<16 {
        x[i] = Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int32.random(in: .min ... .max, using: &g)
        if m.shift > 0 { x[i] >>= Int32(m.shift) }  // TFLite never left-shifts into overflow
      }
      let vector = UniformMultiplier(m).apply(x)
      for i in 0..<16 { #expect(vector[i] == m.apply(x[i]), "x \(x[i]) significand \(m.significand) shift \(m.shift)") }
    }
  }

  @Test(arguments: [ElementwisePlan.Kind.add, .sub])
  func addAndSubtractMatchScalar(kind: ElementwisePlan.Kind) throws {
    var g = SeededGenerator(state: 1003)
    for _ in 0..<20 {
      var b = ModelBuilder()
      let shape = [
        1, Int.random(in: 1...7, using: &g), Int.random(in: 1...7, using: &g), Int.random(in: 1...40, using: &g),
      ]
      let x = b.activation(
        shape, scale: Float.random(in: 0.01...0.2, using: &g), zeroPoint: Int32.random(in: -128...127, using: &g))
      let y = b.activation(
        shape, scale: Float.random(in: 0.01...0.2, using: &g), zeroPoint: Int32.random(in: -128...127, using: &g))
      let out = b.activation(
        shape, scale: Float.random(in: 0.01...0.3, using: &g), zeroPoint: Int32.random(in: -128...127, using: &g))
      let model = b.model(
        kind == .add ? .add : .sub, inputs: [x, y], output: out, options: .elementwise(activation: .relu))
      let plan = try ElementwisePlan(OperatorContext(model: model, index: 0), kind: kind)
      let count = shape.reduce(1, *)
      let p = randomInt8(count, &g)
      let q = randomInt8(count, &g)
      var actual = [Int8](repeating: 0x5A, count: count + 32)
      p.withUnsafeBufferPointer { p in
        q.withUnsafeBufferPointer { q in
          actual.withUnsafeMutableBufferPointer { plan.eval(p.baseAddress!, q.baseAddress!, output: $0.baseAddress!) }
        }
      }
      #expect(Array(actual[..<count]) == (0..<count).map { plan.combine(p[$0], q[$0]) })
      #expect(actual[count...].allSatisfy { $0 == 0x5A })
    }
  }
}

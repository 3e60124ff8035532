import Foundation
import TestSupport
import Testing

@testable import Inference

/// The one-input int8 operators' tables against plain per-element implementations of TFLite's reference
/// arithmetic, and one negative test per validation rule (the table lookup and PRELU's vector kernel are
/// checked in Checks/VectorChecks.swift).
@Suite struct LookupTableTests {
  static let everyByte = (-128...127).map { Int8($0) }

  func plan(
    _ kind: BuiltinOperator, input: (Float, Int32), output: (Float, Int32), options: OperatorOptions = .none
  ) throws -> LookupTablePlan {
    var b = ModelBuilder()
    let x = b.activation([1, 3, 7], scale: input.0, zeroPoint: input.1)
    let y = b.activation([1, 3, 7], scale: output.0, zeroPoint: output.1)
    return try LookupTablePlan(
      OperatorContext(model: b.model(kind, inputs: [x], output: y, options: options), index: 0))
  }

  func table(_ plan: LookupTablePlan) -> [Int8] { Self.everyByte.map { plan.table[Int(UInt8(bitPattern: $0))] } }

  func randomQuantization(_ g: inout some RandomNumberGenerator) -> (Float, Int32) {
    (Float.random(in: 0.005...0.2, using: &g), Int32.random(in: -128...127, using: &g))
  }

  /// `QuantizedReluX`: bounds `zero point + roundf(bound / scale)` in Float, then clamp the rescaled input.
  @Test(arguments: [BuiltinOperator.relu, .relu6, .reluN1To1])
  func reluTablesFollowQuantizedReluX(kind: BuiltinOperator) throws {
    var g = SeededGenerator(state: 41)
    for _ in 0..<30 {
      let (inScale, inZero) = randomQuantization(&g)
      let outScale = Float.random(in: 0.005...0.05, using: &g)
      let outZero = Int32.random(in: -128...0, using: &g)
      let (low, high): (Float, Float) = kind == .relu ? (0, .infinity) : kind == .relu6 ? (0, 6) : (-1, 1)
      let lower = max(-128, outZero + Int32((low / outScale).rounded()))
      let upper = high == .infinity ? 127 : min(127, outZero + Int32((high / outScale).rounded()))
      let multiplier = QuantizedMultiplier(Double(inScale / outScale))
      let expected = Self.everyByte.map { x in
        Int8(min(max(outZero + multiplier.apply(Int32(x) - inZero), lower), upper))
      }
      #expect(table(try plan(kind, input: (inScale, inZero), output: (outScale, outZero))) == expected)
    }
  }

  @Test func leakyReluTableFollowsQuantizeLeakyRelu() throws {
    var g = SeededGenerator(state: 42)
    for _ in 0..<30 {
      let input = randomQuantization(&g)
      let output = randomQuantization(&g)
      let alpha = Float.random(in: 0...1, using: &g)
      let identity = QuantizedMultiplier(Double(input.0 / output.0))
      let slope = QuantizedMultiplier(Double(input.0 * alpha / output.0))
      let expected = Self.everyByte.map { x in
        let offset = Int32(x) - input.1
        let value = output.1 + (offset >= 0 ? identity.apply(offset) : slope.apply(offset))
        return Int8(min(max(value, -128), 127))
      }
      #expect(table(try plan(.leakyRelu, input: input, output: output, options: .leakyRelu(alpha: alpha))) == expected)
    }
  }

  /// `LUTPopulate`: dequantize, transform and rescale in Float, add the zero point in Float, clamp.
  func floatTable(_ input: (Float, Int32), _ output: (Float, Int32), _ transform: (Float) -> Float) -> [Int8] {
    Self.everyByte.map { x in
      let value = transform(input.0 * Float(Int32(x) - input.1))
      let quantized = Int32((value * (1 / output.0)).rounded() + Float(output.1))
      return Int8(min(max(quantized, -128), 127))
    }
  }

  @Test func tanhAndGeluTablesFollowLUTPopulate() throws {
    var g = SeededGenerator(state: 43)
    let sqrtHalf = 0.70710678118654752440
    let sqrtTwoOverPi = Float(1.12837916709551257390 * sqrtHalf)
    for _ in 0..<20 {
      let input = (Float.random(in: 0.01...0.05, using: &g), Int32.random(in: -20...20, using: &g))
      let output = randomQuantization(&g)
      #expect(table(try plan(.tanh, input: input, output: output)) == floatTable(input, output, tanhf))
      let exact = floatTable(input, output) { x in 0.5 * x * erfcf(x * Float(-sqrtHalf)) }
      #expect(table(try plan(.gelu, input: input, output: output, options: .gelu(approximate: false))) == exact)
      let approximate = floatTable(input, output) { x in
        0.5 * x * (1 + tanhf(sqrtTwoOverPi * (x + 0.044715 * x * x * x)))
      }
      #expect(
        table(try plan(.gelu, input: input, output: output, options: .gelu(approximate: true))) == approximate)
    }
  }

  @Test func negTableNegatesTheStoredByte() throws {
    let negated = table(try plan(.neg, input: (0.1, 3), output: (0.7, -9)))
    #expect(negated == Self.everyByte.map { $0 == .min ? .min : -$0 })
  }

  /// RSQRT: 127 at the zero point, and within one step of the rounded real result elsewhere.
  @Test func rsqrtTableApproximatesTheInverseSquareRoot() throws {
    let input: (Float, Int32) = (0.05, -128)
    let output: (Float, Int32) = (0.02, -128)
    let values = table(try plan(.rsqrt, input: input, output: output))
    #expect(values[0] == 127)
    for (x, value) in zip(Self.everyByte, values).dropFirst() {
      let real = 1 / (Double(input.0) * Double(Int32(x) - input.1)).squareRoot()
      let ideal = min(127, (real / Double(output.0)).rounded() + Double(output.1))
      #expect(abs(Double(value) - ideal) <= 1, "input \(x): \(value), ideal \(ideal)")
    }
  }

  @Test(arguments: [Int32(2), 3, 4, 17, 255, 1 << 20, Int32.max])
  func inverseSquareRootIsAccurate(value: Int32) {
    let (multiplier, shift) = inverseSquareRoot(value)
    #expect(shift <= 0)
    let approximation = Double(multiplier) * pow(2, Double(shift - 31))
    let exact = 1 / Double(value).squareRoot()
    #expect(abs(approximation / exact - 1) < 1e-5)
  }

  // One negative test per validation rule.

  func expectInvalid(_ model: Model, _ fragment: String) { OperatorTests().expectInvalid(model, fragment) }

  func oneInput(
    _ kind: BuiltinOperator, options: OperatorOptions = .none, input: (Float, Int32) = (0.1, 0),
    output: (Float, Int32) = (0.1, 0), outputShape: [Int] = [1, 4], outputType: ElementType = .int8
  ) -> Model {
    var b = ModelBuilder()
    let x = b.activation([1, 4], scale: input.0, zeroPoint: input.1)
    let y = b.activation(outputShape, scale: output.0, zeroPoint: output.1, type: outputType)
    return b.model(kind, inputs: [x], output: y, options: options)
  }

  @Test func tableOperatorsValidate() {
    expectInvalid(oneInput(.tanh, outputShape: [1, 5]), "differ")
    expectInvalid(oneInput(.relu, outputType: .int16), "output must be int8")
    expectInvalid(oneInput(.leakyRelu, options: .leakyRelu(alpha: -0.5)), "alpha -0.5 is negative")
    expectInvalid(oneInput(.leakyRelu), "missing LeakyReluOptions")
    expectInvalid(oneInput(.gelu), "missing GeluOptions")
    expectInvalid(oneInput(.rsqrt, input: (1e-12, 0), output: (1e-12, 0)), "too far apart")
  }

  @Test func preluValidates() {
    var g = SeededGenerator(state: 45)
    expectInvalid(
      VectorChecks.preluModel(input: [1, 4, 4, 3], alpha: [1, 1, 3], &g, constant: false), "must be constant")
    expectInvalid(VectorChecks.preluModel(input: [1, 4, 4, 3], alpha: [1, 2, 3], &g), "does not broadcast")
    expectInvalid(VectorChecks.preluModel(input: [1, 2, 4, 4, 3], alpha: [3], &g), "rank ≤ 4")
    expectInvalid(VectorChecks.preluModel(input: [4, 3], alpha: [1, 4, 3], &g), "rank ≤ 4")
  }

  @Test func squaredDifferenceNeedsAnOutputScaleBelowOne() {
    var b = ModelBuilder()
    let x = b.activation([1, 4], scale: 2, zeroPoint: 0)
    let y = b.activation([1, 4], scale: 2, zeroPoint: 0)
    let output = b.activation([1, 4], scale: 1e-4, zeroPoint: 0)
    expectInvalid(b.model(.squaredDifference, inputs: [x, y], output: output, options: .none), "too small")
  }

  @Test func quantizeValidatesTypes() {
    expectInvalid(oneInput(.quantize, outputType: .int16), "output must be int8 or uint8, is int16")
    var b = ModelBuilder()
    let x = b.activation([1, 4], scale: 0.1, zeroPoint: 0, type: .int16)
    let y = b.activation([1, 4], scale: 0.1, zeroPoint: 0)
    expectInvalid(b.model(.quantize, inputs: [x], output: y, options: .none), "input must be float32, int8 or uint8")
    expectInvalid(oneInput(.dequantize, outputType: .int8), "output must be float32")
  }

  /// uint8 to int8 and back, as the converter's `inference_input_type=tf.uint8` models begin and end.
  @Test func quantizeConvertsBetweenInt8AndUint8() throws {
    var b = ModelBuilder()
    let x = b.activation([1, 4], scale: 0.5, zeroPoint: 128, type: .uint8)
    let y = b.activation([1, 4], scale: 0.5, zeroPoint: 0)
    let interpreter = try Interpreter(model: b.model(.quantize, inputs: [x], output: y, options: .none))
    interpreter.withInputBytes(0) { $0.copyBytes(from: [0, 127, 128, 255] as [UInt8]) }
    interpreter.invoke()
    #expect(interpreter.withOutputBytes(0) { $0.map { Int8(bitPattern: $0) } } == [-128, -1, 0, 127])
    var c = ModelBuilder()
    let p = c.activation([1, 4], scale: 0.25, zeroPoint: -1)
    let q = c.activation([1, 4], scale: 0.5, zeroPoint: 200, type: .uint8)
    let back = try Interpreter(model: c.model(.quantize, inputs: [p], output: q, options: .none))
    // (x + 1) / 2 + 200, clamped to 0...255.
    #expect(back.run([-127, -1, 1, 127]).map { UInt8(bitPattern: $0) } == [137, 200, 201, 255])
  }
}

extension LookupTableTests {
  /// SQUARED_DIFFERENCE's scalar arithmetic lands within one output step of the real squared difference.
  @Test func squaredDifferenceApproximatesTheRealResult() throws {
    var g = SeededGenerator(state: 46)
    var b = ModelBuilder()
    let x = b.activation([1, 64], scale: 0.05, zeroPoint: -3)
    let y = b.activation([1, 64], scale: 0.03, zeroPoint: 7)
    let output = b.activation([1, 64], scale: 0.4, zeroPoint: -128)
    let model = b.model(.squaredDifference, inputs: [x, y], output: output, options: .none)
    let plan = try ElementwisePlan(OperatorContext(model: model, index: 0), kind: .squaredDifference)
    for _ in 0..<500 {
      let p = Int8.random(in: -128...127, using: &g)
      let q = Int8.random(in: -128...127, using: &g)
      let real = pow(0.05 * Double(Int32(p) + 3) - 0.03 * Double(Int32(q) - 7), 2)
      let ideal = min(127, real / 0.4 - 128)
      #expect(abs(Double(plan.combine(p, q)) - ideal) <= 1, "\(p), \(q)")
    }
  }
}

/// The int8 operators whose output element is a function of one input element: RELU, RELU6, RELU_N1_TO_1,
/// LEAKY_RELU, TANH, GELU, NEG, RSQRT, ABS and LOG. Prepare evaluates the reference kernel's own arithmetic once per
/// input byte into a 256-entry table, which is then the whole kernel (`Kernels/LookupTable+Eval.swift`).
struct LookupTablePlan: Sendable {
  /// `table[Int(UInt8(bitPattern: x))]` is the output for input `x`.
  var table: [Int8]
  var count: Int

  init(_ context: OperatorContext) throws(ModelError) {
    let (inputQ, outputQ, count) = try context.sameShapeInt8()
    self.count = count
    let scaling = ByteScaling(input: inputQ, output: outputQ)
    switch context.op.kind {
    case .relu, .relu6, .reluN1To1:
      let activation: FusedActivation =
        context.op.kind == .relu ? .relu : context.op.kind == .relu6 ? .relu6 : .reluN1To1
      guard let range = activationRange(activation, scale: outputQ.scale, zeroPoint: outputQ.zeroPoint) else {
        throw context.invalid("output quantization has no room for \(activation)'s range")
      }
      let identity = try context.multiplier(Double(inputQ.scale / outputQ.scale), "output")
      table = Self.build { scaling.clampedIdentity($0, identity, range) }
    case .leakyRelu:
      guard case .leakyRelu(let alpha) = context.op.options else { throw context.invalid("missing LeakyReluOptions") }
      guard alpha >= 0 else { throw context.invalid("alpha \(alpha) is negative") }
      let positive = try context.multiplier(Double(inputQ.scale / outputQ.scale), "positive")
      let negative = try context.multiplier(Double(inputQ.scale * alpha / outputQ.scale), "negative")
      table = Self.build { scaling.leakyRelu($0, positive: positive, negative: negative) }
    case .tanh:
      table = Self.build { scaling.transformed($0, floatTanh) }
    case .gelu:
      guard case .gelu(let approximate) = context.op.options else { throw context.invalid("missing GeluOptions") }
      table = Self.build { scaling.transformed($0, approximate ? geluApproximate : gelu) }
    case .neg:
      table = Self.build { Int8(truncatingIfNeeded: -Int32($0)) }
    case .rsqrt:
      let rsqrt = try ReciprocalSquareRoot(input: inputQ, output: outputQ, context)
      table = Self.build { rsqrt.value(of: $0) }
    case .abs:
      // Rescaled only where the scales differ, by input / output divided in Float (elementwise.cc).
      let rescale =
        inputQ.scale == outputQ.scale ? nil : try context.multiplier(Double(inputQ.scale / outputQ.scale), "output")
      table = Self.build { scaling.absolute($0, rescale) }
    case .log:
      // Non-positive inputs give the output's lowest value, as `LogLUTPrepare` maps them.
      let lowest = Float(-128 - outputQ.zeroPoint) * outputQ.scale
      table = Self.build { scaling.transformed($0) { $0 <= 0 ? lowest : floatLog($0) } }
    default:
      throw context.invalid("is not a lookup-table operator")
    }
  }

  /// The table of `value` over every int8 input, indexed by the input's bit pattern.
  static func build(_ value: (Int8) -> Int8) -> [Int8] {
    (0..<256).map { value(Int8(truncatingIfNeeded: $0)) }
  }
}

extension OperatorContext {
  /// Checks a one-input int8 operator whose output has its input's shape; returns both quantizations and the
  /// element count.
  func sameShapeInt8() throws(ModelError) -> (
    input: (scale: Float, zeroPoint: Int32), output: (scale: Float, zeroPoint: Int32), count: Int
  ) {
    try expectCounts(inputs: 1...1, outputs: 1)
    let input = try self.input(0)
    let output = try self.output(0)
    let inputQ = try int8Parameters(input, "input")
    let outputQ = try int8Parameters(output, "output")
    guard input.shape == output.shape else {
      throw invalid("input \(shapeText(input.shape)) and output \(shapeText(output.shape)) differ")
    }
    return (inputQ, outputQ, input.elementCount)
  }
}

/// The quantization of a one-input int8 operator, with the per-element arithmetic of TFLite's reference
/// kernels for the operators whose tables are built from it.
struct ByteScaling {
  var input: (scale: Float, zeroPoint: Int32)
  var output: (scale: Float, zeroPoint: Int32)

  /// RELU, RELU6, RELU_N1_TO_1 (`QuantizedReluX`): rescaled by `multiplier` (`input / output`, divided in
  /// Float as activations.cc does before widening), then clamped to the activation's range.
  func clampedIdentity(_ x: Int8, _ multiplier: QuantizedMultiplier, _ range: ClosedRange<Int32>) -> Int8 {
    let value = output.zeroPoint &+ multiplier.apply(Int32(x) - input.zeroPoint)
    return Int8(truncatingIfNeeded: min(max(value, range.lowerBound), range.upperBound))
  }

  /// `QuantizeLeakyRelu`: non-negative offsets rescaled by `positive` (`input / output`), negative ones by
  /// `negative` (`input * alpha / output`), both in Float arithmetic, as activations.cc does before widening.
  func leakyRelu(_ x: Int8, positive: QuantizedMultiplier, negative: QuantizedMultiplier) -> Int8 {
    let offset = Int32(x) - input.zeroPoint
    let value = output.zeroPoint &+ (offset >= 0 ? positive : negative).apply(offset)
    return Int8(clamping: value)
  }

  /// `AbsEvalQuantized`: the offset's magnitude, rescaled by `multiplier` when there is one, then offset by the
  /// output zero point and clamped.
  func absolute(_ x: Int8, _ multiplier: QuantizedMultiplier?) -> Int8 {
    let magnitude = Swift.abs(Int32(x) - input.zeroPoint)
    return Int8(clamping: output.zeroPoint &+ (multiplier?.apply(magnitude) ?? magnitude))
  }

  /// `LUTPopulate` (TANH, GELU, LOGISTIC, LOG): dequantize in Float, transform, round half away from zero, clamp.
  func transformed(_ x: Int8, _ transform: (Float) -> Float) -> Int8 {
    let dequantized = input.scale * Float(Int32(x) - input.zeroPoint)
    // The zero point is added in Float, as there.
    let shifted = (transform(dequantized) * (1 / output.scale)).rounded() + Float(output.zeroPoint)
    // Converted as C converts: an out-of-range or NaN value is undefined there and x86 gives INT32_MIN.
    return Int8(clamping: shifted >= -2_147_483_648 && shifted < 2_147_483_648 ? Int32(shifted) : Int32.min)
  }
}

/// GELU's table transform (`reference_ops::GeluTransform`): `x/2 · erfc(-x/√2)`, which is `x/2 · (1 + erf(x/√2))`
/// without the cancellation for large negative `x`.
func gelu(_ x: Float) -> Float {
  0.5 * x * floatErfc(x * Float(-squareRootOfOneHalf))
}

/// GELU's tanh approximation (`reference_ops::GeluTransformApproximate`), in its Float operation order.
func geluApproximate(_ x: Float) -> Float {
  // M_2_SQRTPI * M_SQRT1_2, multiplied in double and then rounded to Float, as the reference's constexpr.
  let sqrtTwoOverPi = Float(twoOverSquareRootOfPi * squareRootOfOneHalf)
  return 0.5 * x * (1 + floatTanh(sqrtTwoOverPi * (x + 0.044715 * x * x * x)))
}

private let squareRootOfOneHalf: Double = 0.707_106_781_186_547_524_40
private let twoOverSquareRootOfPi: Double = 1.128_379_167_095_512_573_90

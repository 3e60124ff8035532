/// SOFTMAX over the last dimension, int8 in, int8 out (scale 1/256, zero point -128). TFLite's reference
/// resolver uses the gemmlowp fixed-point path: input differences scaled to Q5.26, `exp` on negative values,
/// a Q12.19 sum and its fixed-point reciprocal.
struct SoftmaxPlan: Sendable {
  var rows: Int
  var depth: Int
  var multiplier: Int32
  var leftShift: Int
  var diffMin: Int32
  /// Per `-diff` (0...255, diff = x - max of the row): `expOfDiff(diff)`, or -1 below `diffMin`, where the
  /// reference skips the element. The rest of the reference's work per element is a multiply and shifts.
  var exps: [Int32] = []

  static let scaledDiffIntegerBits = 5

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    guard case .softmax(let beta) = context.op.options else { throw context.invalid("missing SoftmaxOptions") }
    let input = try context.input(0)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    try context.expectProbabilityOutput(output)
    guard let last = input.shape.last, input.shape == output.shape, last > 0 else {
      throw context.invalid("input \(shapeText(input.shape)) and output \(shapeText(output.shape)) must match")
    }
    guard beta.isFinite, beta > 0 else { throw context.invalid("beta \(beta) must be positive") }
    depth = last
    rows = input.elementCount / last
    // PreprocessSoftmaxScaling: the real multiplier is capped at 2^31 - 1.
    let real = min(
      Double(beta) * Double(inputQ.scale) * Double(1 << (31 - Self.scaledDiffIntegerBits)), Double(Int32.max))
    let q = QuantizedMultiplier(real)
    guard q.shift >= 0, q.significand > 0 else { throw context.invalid("input scale \(inputQ.scale) is too small") }
    multiplier = q.significand
    leftShift = q.shift
    diffMin = -Int32(calculateInputRadius(integerBits: Self.scaledDiffIntegerBits, leftShift: leftShift))
    exps = (0..<256).map { negated in -negated >= diffMin ? expOfDiff(Int32(-negated)) : -1 }
  }

  /// exp(diff) in Q0.31 for diff <= 0, rescaled from the input's scale: the reference's `exp_on_negative_values`.
  func expOfDiff(_ diff: Int32) -> Int32 {
    let rescaled = saturatingRoundingDoublingHighMul(diff &<< Int32(leftShift), multiplier)
    return FixedPoint.expOnNegativeValues(rescaled, integerBits: Self.scaledDiffIntegerBits)
  }
}

/// TFLite's `CalculateInputRadius`: the largest input magnitude that does not saturate after rescaling.
func calculateInputRadius(integerBits: Int, leftShift: Int, totalSignedBits: Int = 31) -> Int {
  let maxRescaled =
    Double((1 << integerBits) - 1) * Double(Int64(1) << Int64(totalSignedBits - integerBits))
    / Double(Int64(1) << Int64(leftShift))
  return Int(maxRescaled.rounded(.down))
}

/// LOGISTIC, int8: TFLite's reference resolver evaluates a 256-entry table built in Float at prepare time.
struct LogisticPlan: Sendable {
  var table: [Int8]

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.expectProbabilityOutput(output)
    guard input.shape == output.shape else { throw context.invalid("input and output shapes differ") }
    let scaling = ByteScaling(input: inputQ, output: outputQ)
    table = LookupTablePlan.build { scaling.transformed($0) { 1 / (1 + floatExp(-$0)) } }
  }
}

/// HARD_SWISH, int8: TFLite's int16 fixed-point evaluation with a "relu-ish" multiplier (`value(of:)`), which
/// depends on the input byte alone, so it is evaluated once per byte at prepare into a 256-entry table.
struct HardSwishPlan: Sendable {
  var inputZeroPoint: Int32
  var outputZeroPoint: Int32
  var outputMultiplier: Int16
  var outputExponent: Int
  var reluishMultiplier: Int16
  var reluishExponent: Int
  var count: Int
  /// `value(of: x)` at index `UInt8(bitPattern: x)`.
  var table: [Int8] = []

  init(_ context: OperatorContext) throws(ModelError) {
    let (inputQ, outputQ, count) = try context.sameShapeInt8()
    inputZeroPoint = inputQ.zeroPoint
    outputZeroPoint = outputQ.zeroPoint
    self.count = count
    let hiresInputScale = (1.0 as Float / 128.0) * inputQ.scale
    let reluishScale: Float = 3.0 / 32768.0
    let outputScaling = try context.multiplier(Double(hiresInputScale / outputQ.scale), "output")
    outputMultiplier = Self.downscale(outputScaling.significand)
    outputExponent = outputScaling.shift
    guard outputExponent <= 0, outputExponent > -16 else {
      throw context.invalid("output scale \(outputQ.scale) is out of range for input scale \(inputQ.scale)")
    }
    let reluish = try context.multiplier(Double(hiresInputScale / reluishScale), "relu-ish")
    reluishMultiplier = Self.downscale(reluish.significand)
    reluishExponent = reluish.shift
    guard reluishExponent > -16, reluishExponent < 16 else {
      throw context.invalid("input scale \(inputQ.scale) is out of range")
    }
    table = (0..<256).map { value(of: Int8(truncatingIfNeeded: $0)) }
  }

  /// `DownScaleInt32ToInt16Multiplier`.
  static func downscale(_ multiplier: Int32) -> Int16 {
    if multiplier >= Int32.max - (1 << 15) { return .max }
    return Int16(truncatingIfNeeded: (multiplier + (1 << 15)) >> 16)
  }
}

extension OperatorContext {
  /// SOFTMAX and LOGISTIC outputs must be int8 with scale 1/256 and zero point -128.
  @discardableResult
  func expectProbabilityOutput(_ output: Tensor) throws(ModelError) -> (scale: Float, zeroPoint: Int32) {
    let q = try int8Parameters(output, "output")
    guard q.zeroPoint == -128, abs(q.scale - 1.0 / 256) <= 0.001 / 256 else {
      throw invalid("output must have scale 1/256 and zero point -128, has \(q.scale), \(q.zeroPoint)")
    }
    return q
  }
}

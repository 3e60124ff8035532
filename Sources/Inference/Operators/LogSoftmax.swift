/// LOG_SOFTMAX over the last dimension, int8 in, int8 out with scale 16/256 and zero point 127. The reference
/// (`reference_integer_ops::LogSoftmax`) scales input differences to the row's maximum into Q5.26, sums their
/// `exp` in Q12.19, takes the fixed-point `log` of the sum back in Q5.26 and outputs `diff - log(sum)` in
/// Q4.27 rounded to 1/16. A difference's scaled value and `exp` depend on the difference alone (0...255), so
/// both are tables built at prepare with the reference's arithmetic; the log and the output stay per row.
struct LogSoftmaxPlan: Sendable {
  var rows: Int
  var depth: Int
  var diffMin: Int32
  var reverseScaling: QuantizedMultiplier
  /// Per `-diff` (0...255): the difference in Q5.26.
  var scaledDiffs: [Int32] = []
  /// Per `-diff`: `exp` of the difference in Q12.19, or 0 below `diffMin`, where the reference skips it.
  var exps: [Int32] = []

  static let inputIntegerBits = 5
  static let accumulationIntegerBits = 12
  static let outputIntegerBits = 4

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
    guard outputQ.scale == 16.0 / 256, outputQ.zeroPoint == 127 else {
      throw context.invalid(
        "output must have scale 16/256 and zero point 127, has \(outputQ.scale), \(outputQ.zeroPoint)")
    }
    guard let last = input.shape.last, input.shape == output.shape, last > 0 else {
      throw context.invalid("input \(shapeText(input.shape)) and output \(shapeText(output.shape)) must match")
    }
    guard last <= 1 << 12 else { throw context.invalid("rows of \(last) overflow the Q12.19 sum of exps") }
    depth = last
    rows = input.elementCount / last
    // PreprocessLogSoftmaxScalingExp with beta 1: the softmax multiplier, and its inverse as a multiplier.
    let real = min(
      Double(inputQ.scale) * Double(1 << (31 - Self.inputIntegerBits)), Double(Int32.max))
    let multiplier = QuantizedMultiplier(real)
    // A multiplier below 2^-31 flushes to zero (shift 0), which would make the reverse scaling infinite.
    guard multiplier.shift >= 0, multiplier.significand > 0 else {
      throw context.invalid("input scale \(inputQ.scale) is too small")
    }
    reverseScaling = QuantizedMultiplier(
      Double(1 << (31 - multiplier.shift)) / Double(multiplier.significand))
    guard reverseScaling.shift <= 0 else { throw context.invalid("input scale \(inputQ.scale) is too large") }
    diffMin = -Int32(calculateInputRadius(integerBits: Self.inputIntegerBits, leftShift: multiplier.shift))
    scaledDiffs = (0..<256).map { negated in multiplier.apply(-Int32(negated)) }
    exps = (0..<256).map { [scaledDiffs, diffMin] negated in
      guard -Int32(negated) >= diffMin else { return 0 }
      let exp = FixedPoint.expOnNegativeValues(scaledDiffs[negated], integerBits: Self.inputIntegerBits)
      return FixedPoint.multiplyByPOT(exp, -Self.accumulationIntegerBits)
    }
  }
}

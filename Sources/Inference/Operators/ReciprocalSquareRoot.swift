/// RSQRT, int8 (elementwise.cc's `RsqrtEvalQuantizedInt8`): the offset input's inverse square root in
/// fixed point (`GetInvSqrtQuantizedMultiplierExp`), applied to 1 with 20 bits of headroom, then rescaled by
/// `1 / (sqrt(input scale) · output scale)`. An input at the zero point gives 127. Inputs below the zero point
/// make the reference fail the whole run; here they give what the same arithmetic gives for their offset.
struct ReciprocalSquareRoot {
  var inputZeroPoint: Int32
  var outputZeroPoint: Int32
  /// The output rescale with the 20 bits of headroom taken back.
  var output: QuantizedMultiplier

  static let headroom = 20

  init(
    input: (scale: Float, zeroPoint: Int32), output: (scale: Float, zeroPoint: Int32), _ context: OperatorContext
  ) throws(ModelError) {
    inputZeroPoint = input.zeroPoint
    outputZeroPoint = output.zeroPoint
    // sqrt (correctly rounded, as sqrtf) and product in Float, the quotient in double: `SetRsqrtOutputMultiplier`.
    let scale = try context.multiplier(1 / Double(input.scale.squareRoot() * output.scale), "output")
    self.output = QuantizedMultiplier(significand: scale.significand, shift: scale.shift - Self.headroom)
    guard (-31...31).contains(self.output.shift) else {
      throw context.invalid("input scale \(input.scale) and output scale \(output.scale) are too far apart")
    }
  }

  func value(of x: Int8) -> Int8 {
    let offset = Int32(x) - inputZeroPoint
    if offset == 0 { return .max }
    let inverse = inverseSquareRoot(offset)
    let headroomed = QuantizedMultiplier(significand: inverse.multiplier, shift: inverse.shift + Self.headroom)
    return Int8(clamping: output.apply(headroomed.apply(1)) &+ outputZeroPoint)
  }
}

/// TFLite's `GetInvSqrtQuantizedMultiplierExp` with `reverse_shift` -1: `1/sqrt(x)` as a Q0.31 multiplier and
/// a (non-positive) shift, by five Newton-Raphson steps in gemmlowp fixed point with 3 integer bits.
func inverseSquareRoot(_ value: Int32) -> (multiplier: Int32, shift: Int) {
  if value <= 1 { return (.max, 0) }
  var input = value
  var shift = 11
  while input >= 1 << 29 {
    input /= 4
    shift += 1
  }
  let leftShiftBitPairs = (UInt32(input).leadingZeroBitCount - 1) / 2 - 1
  shift -= leftShiftBitPairs
  input <<= Int32(2 * leftShiftBitPairs)
  let halfInput = FixedPoint.multiplyByPOT(input >> 1, -1)  // F3
  let halfThree: Int32 = (1 << 28) + (1 << 27)  // 1.5 in F3
  var x: Int32 = 1 << 28  // 1 in F3
  for _ in 0..<5 {
    // x³ is F9 and the products F6; each is rescaled to F3 by a saturating left shift.
    let cube = FixedPoint.multiplyByPOT(FixedPoint.mul(FixedPoint.mul(x, x), x), 6)
    x = FixedPoint.multiplyByPOT(FixedPoint.mul(halfThree, x) &- FixedPoint.mul(halfInput, cube), 3)
  }
  var multiplier = FixedPoint.mul(x, 1_518_500_250)  // × sqrt(2)/2 in F0
  if shift < 0 {
    multiplier = multiplier &<< Int32(-shift)
    shift = 0
  }
  return (multiplier, -shift)
}

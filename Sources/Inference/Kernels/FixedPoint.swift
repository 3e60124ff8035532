/// The few pieces of gemmlowp's `fixedpoint.h` (and TFLite's `common.h`) that TFLite's reference int8 SOFTMAX,
/// LOG_SOFTMAX and L2_NORMALIZATION use, on raw int32
/// values. A `FixedPoint<int32, N>` holds `raw / 2^(31 - N)`; products of two fixed-point values are
/// `saturatingRoundingDoublingHighMul` of the raws and add their integer bits.
enum FixedPoint {
  /// `SaturatingRoundingMultiplyByPOT<exponent>`: saturating left shift or rounding right shift.
  @inline(__always)
  @_optimize(speed)
  static func multiplyByPOT(_ x: Int32, _ exponent: Int) -> Int32 {
    if exponent == 0 { return x }
    if exponent < 0 { return roundingDivideByPOT(x, -exponent) }
    let threshold = Int32((1 << (31 - exponent)) - 1)
    if x > threshold { return .max }
    if x < -threshold { return .min }
    return x &<< Int32(exponent)
  }

  @inline(__always)
  @_optimize(speed)
  static func mul(_ a: Int32, _ b: Int32) -> Int32 { saturatingRoundingDoublingHighMul(a, b) }

  /// `exp(a)` for `a` in [-1/4, 0), both with 0 integer bits (Taylor expansion around -1/8).
  @_optimize(speed)
  static func expOnIntervalBetweenNegativeOneQuarterAnd0Excl(_ a: Int32) -> Int32 {
    let constantTerm: Int32 = 1_895_147_668  // exp(-1/8)
    let constantOneThird: Int32 = 715_827_883
    let x = a &+ (1 << 28)
    let x2 = mul(x, x)
    let x3 = mul(x2, x)
    let x4 = mul(x2, x2)
    let x4Over4 = multiplyByPOT(x4, -2)
    let poly = multiplyByPOT(mul(x4Over4 &+ x3, constantOneThird) &+ x2, -1)
    return constantTerm &+ mul(constantTerm, x &+ poly)
  }

  /// `exp(a)` for `a <= 0` with `integerBits` integer bits; the result has 0 integer bits.
  @_optimize(speed)
  static func expOnNegativeValues(_ a: Int32, integerBits: Int) -> Int32 {
    let fractionalBits = 31 - integerBits
    let oneQuarter: Int32 = 1 << (fractionalBits - 2)
    let mask = oneQuarter &- 1
    let aModQuarterMinusOneQuarter = (a & mask) &- oneQuarter
    var result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
      multiplyByPOT(aModQuarterMinusOneQuarter, integerBits))
    let remainder = aModQuarterMinusOneQuarter &- a
    // exp(-2^e) for e = -2...4, as Q0.31.
    let multipliers: (Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (
      1_672_461_947, 1_302_514_674, 790_015_084, 290_630_308, 39_332_535, 720_401, 242
    )
    @_optimize(speed)
    func barrel(_ exponent: Int, _ multiplier: Int32) {
      guard integerBits > exponent else { return }
      let shift = fractionalBits + exponent
      if remainder & (1 << Int32(shift)) != 0 { result = mul(result, multiplier) }
    }
    barrel(-2, multipliers.0)
    barrel(-1, multipliers.1)
    barrel(0, multipliers.2)
    barrel(1, multipliers.3)
    barrel(2, multipliers.4)
    barrel(3, multipliers.5)
    barrel(4, multipliers.6)
    if integerBits > 5 {
      let clamp = -(Int32(1) << Int32(36 - integerBits))
      if a < clamp { result = 0 }
    }
    return a == 0 ? .max : result
  }

  /// `1 / (1 + a)` for `a` in [0, 1), 0 integer bits in and out (Newton-Raphson, three steps).
  @_optimize(speed)
  static func oneOverOnePlusXForXIn01(_ a: Int32) -> Int32 {
    let sum = Int64(a) + Int64(Int32.max)
    let halfDenominator = Int32(truncatingIfNeeded: (sum + (sum >= 0 ? 1 : -1)) / 2)
    let constant48Over17: Int32 = 1_515_870_810
    let constantNeg32Over17: Int32 = -1_010_580_540
    var x = constant48Over17 &+ mul(halfDenominator, constantNeg32Over17)  // 2 integer bits
    for _ in 0..<3 {
      let halfDenominatorTimesX = mul(halfDenominator, x)
      let oneMinus = (Int32(1) << 29) &- halfDenominatorTimesX
      x = x &+ multiplyByPOT(mul(x, oneMinus), 2)
    }
    return multiplyByPOT(x, 1)
  }

  /// TFLite's `GetReciprocal`: `1 / x` for `x` with `integerBits` integer bits, as a Q0.31 value and the
  /// number of bits by which `x` exceeded one.
  @_optimize(speed)
  static func reciprocal(_ x: Int32, integerBits: Int) -> (value: Int32, bitsOverUnit: Int) {
    let headroomPlusOne = UInt32(bitPattern: x).leadingZeroBitCount
    let shiftedMinusOne = Int32(
      bitPattern: (UInt32(bitPattern: x) &<< UInt32(headroomPlusOne)) &- (1 << 31))
    return (oneOverOnePlusXForXIn01(shiftedMinusOne), integerBits - headroomPlusOne)
  }

  /// TFLite's `GetInvSqrtQuantizedMultiplierExp` with `reverse_shift` -1: `1 / sqrt(x)` for `x >= 0` as a
  /// multiplier and a left shift for `QuantizedMultiplier` (Newton-Raphson, five steps, in Q3.28). 0 and 1
  /// give the largest multiplier.
  @_optimize(speed)
  static func inverseSqrt(_ x: Int32) -> QuantizedMultiplier {
    if x <= 1 { return QuantizedMultiplier(significand: .max, shift: 0) }
    var input = x
    var shift = 11
    while input >= 1 << 29 {
      input /= 4
      shift += 1
    }
    let pairs = (UInt32(bitPattern: input).leadingZeroBitCount - 1) / 2 - 1
    shift -= pairs
    input <<= Int32(2 * pairs)
    let halfInput = roundingDivideByPOT(input >> 1, 1)
    let halfThree: Int32 = (1 << 28) + (1 << 27)
    var result: Int32 = 1 << 28
    for _ in 0..<5 {
      let cube = multiplyByPOT(mul(mul(result, result), result), 6)
      result = multiplyByPOT(mul(halfThree, result) &- mul(halfInput, cube), 3)
    }
    var significand = mul(result, 1_518_500_250)  // sqrt(2) / 2
    if shift < 0 {
      significand <<= Int32(-shift)
      shift = 0
    }
    return QuantizedMultiplier(significand: significand, shift: -shift)
  }

  /// TFLite's `log_x_for_x_greater_than_or_equal_to_1_impl`: `log(x)` for `x` with `inputIntegerBits` integer
  /// bits, the result with `outputIntegerBits` (a rational approximation around sqrt(sqrt(1/2)) after scaling
  /// `x` by a power of two, accumulated with one more integer bit).
  @_optimize(speed)
  static func log(_ x: Int32, inputIntegerBits: Int, outputIntegerBits: Int) -> Int32 {
    let accumulatorBits = outputIntegerBits + 1
    let log2: Int32 = 1_488_522_236
    let sqrtSqrtHalf: Int32 = 1_805_811_301
    let sqrtHalf: Int32 = 1_518_500_250
    let alphaN: Int32 = 117_049_297
    let alphaD: Int32 = 127_690_142
    let alphaI: Int32 = 1_057_819_769
    let alphaF: Int32 = 638_450_708
    let shiftedQuarter = multiplyByPOT(536_870_912, -accumulatorBits)
    @_optimize(speed)
    func saturating(_ value: Int64) -> Int32 { Int32(clamping: value) }
    let aHeadroomPlusOne = UInt32(bitPattern: x).leadingZeroBitCount
    let ra = multiplyByPOT(mul(multiplyByPOT(x, aHeadroomPlusOne - 1), sqrtHalf), 1)
    let aPowerAdjusted = saturating(
      Int64(multiplyByPOT(Int32(inputIntegerBits - aHeadroomPlusOne), 31 - accumulatorBits))
        + Int64(shiftedQuarter))
    let b = mul(x, sqrtHalf)
    let bHeadroom = UInt32(bitPattern: b).leadingZeroBitCount - 1
    let rb = multiplyByPOT(x, bHeadroom)
    let bPowerAdjusted = saturating(
      Int64(multiplyByPOT(Int32(inputIntegerBits - bHeadroom), 31 - accumulatorBits)) - Int64(shiftedQuarter))
    let r = Swift.min(ra, rb)
    let powerAdjusted = Swift.max(aPowerAdjusted, bPowerAdjusted)
    let sum = Int64(r) + Int64(sqrtSqrtHalf)
    let p = Int32(truncatingIfNeeded: (sum + (sum >= 0 ? 1 : -1)) / 2)
    var q = r &- sqrtSqrtHalf
    q = q &+ q
    let square = mul(q, q)
    let numerator = mul(q, r) &+ mul(mul(q, square), alphaN)
    let denominatorMinusOne = mul(p, alphaI &+ q &+ mul(alphaD, square)) &+ mul(alphaF, q)
    let reciprocal = oneOverOnePlusXForXIn01(denominatorMinusOne)
    let scaledNumerator = multiplyByPOT(numerator, -accumulatorBits)
    return multiplyByPOT(
      mul(powerAdjusted, log2) &+ mul(scaledNumerator, reciprocal), accumulatorBits - outputIntegerBits)
  }
}

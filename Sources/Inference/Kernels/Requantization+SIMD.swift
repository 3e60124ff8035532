import Builtin

/// `OutputStage.requantize` on 16 consecutive channels at once, bit for bit: TFLite's
/// `MultiplyByQuantizedMultiplier` as a left shift, a 64-bit product and a rounding right shift.
///
/// `SaturatingRoundingDoublingHighMul(x, m)` is `(x * m + nudge) / 2^31` with C's truncating division and a
/// sign-dependent nudge (2^30 or 1 - 2^30). For the multipliers QuantizedMultiplier produces (m = 0 or
/// m >= 2^30) that equals `floor((x * m + 2^30) / 2^31)`: for negative products the truncation rounds up,
/// which cancels the smaller nudge. The saturating case (x = m = Int32.min) cannot occur, as m >= 0.
/// So one 64-bit multiply-add and a shift replace the branches (`roundedHighProduct`, x86_64). aarch64 has
/// both steps as instructions (`highProductDividedByPOT`).
///
/// A stage that requantizes in double (`OutputStage.doubleScales`, FULLY_CONNECTED) keeps only its scales;
/// its blocks are `DoubleRequantizationBlock`s.
struct VectorOutputStage: Sendable {
  static let lanes = 16

  /// Per channel, padded with zeros to a multiple of 16; empty when the stage requantizes in double.
  var significands: [Int32] = []
  var leftShifts: [Int32] = []
  var rightShifts: [Int32] = []
  /// Per channel, padded likewise; empty for fixed point.
  var doubleScales: [Double] = []
  var outputOffset: Int32
  var minimum: Int32
  var maximum: Int32
  #if arch(arm64)
    /// Every channel's multiplier is below 1/2 (a right shift of at least one, no left shift), as convolutions'
    /// nearly always are: kernels may then requantize with `RightShiftRequantizationBlock`.
    var shiftsRight = false
  #endif

  @_optimize(speed)
  init(_ stage: OutputStage) {
    let padded = (stage.multipliers.count + Self.lanes - 1) / Self.lanes * Self.lanes
    if stage.doubleScales.isEmpty {
      significands = [Int32](repeating: 0, count: padded)
      leftShifts = [Int32](repeating: 0, count: padded)
      rightShifts = [Int32](repeating: 0, count: padded)
      for (channel, m) in stage.multipliers.enumerated() {
        significands[channel] = m.significand
        leftShifts[channel] = Int32(max(m.shift, 0))
        rightShifts[channel] = Int32(max(-m.shift, 0))
      }
      #if arch(arm64)
        shiftsRight = stage.multipliers.allSatisfy { $0.shift < 0 }
      #endif
    } else {
      doubleScales = stage.doubleScales + [Double](repeating: 0, count: padded - stage.doubleScales.count)
    }
    outputOffset = stage.outputOffset
    minimum = stage.minimum
    maximum = stage.maximum
  }

  var roundsInDouble: Bool { !doubleScales.isEmpty }

  var byteCount: Int { significands.count * 12 + doubleScales.count * 8 }
}

/// Requantizes a block of 16 channels' accumulators to int8 (`RequantizationBlock`, `DoubleRequantizationBlock`).
protocol BlockRequantizer {
  func apply(_ accumulator: SIMD16<Int32>) -> SIMD16<Int8>
}

/// The per-channel parameters of 16 channels, loaded once per block of output channels.
struct RequantizationBlock: BlockRequantizer {
  var significand: SIMD16<Int32>
  var leftShift: SIMD16<Int32>
  var rightShift: SIMD16<Int32>
  var rightMask: SIMD16<Int32>
  var clamp: OutputClamp

  /// Channels `channel..<channel + 16`; `channel` is a multiple of 16 within the padded arrays.
  @inline(__always)
  @_optimize(speed)
  init(_ stage: VectorOutputStage, channel: Int) {
    significand = stage.significands.withUnsafeBufferPointer {
      UnsafeRawPointer($0.baseAddress! + channel).loadUnaligned(as: SIMD16<Int32>.self)
    }
    leftShift = stage.leftShifts.withUnsafeBufferPointer {
      UnsafeRawPointer($0.baseAddress! + channel).loadUnaligned(as: SIMD16<Int32>.self)
    }
    rightShift = stage.rightShifts.withUnsafeBufferPointer {
      UnsafeRawPointer($0.baseAddress! + channel).loadUnaligned(as: SIMD16<Int32>.self)
    }
    rightMask = (SIMD16<Int32>(repeating: 1) &<< rightShift) &- 1
    clamp = OutputClamp(stage)
  }

  /// Requantizes 16 accumulators (bias included) to int8.
  ///
  /// `@_transparent` rather than `@inline(__always)`: the optimizer left three of the GEMM's four calls out of
  /// line (argument shuffles, `vzeroupper`), which cost 5–10% of MobileNetV2 (znver4 device build).
  @_transparent
  @_optimize(speed)
  func apply(_ accumulator: SIMD16<Int32>) -> SIMD16<Int8> {
    let scaled = multiplyByQuantizedMultiplier(
      accumulator, significand: significand, leftShift: leftShift, rightShift: rightShift, rightMask: rightMask)
    return clamp.apply(scaled)
  }
}

/// `requantizedInDouble` on 16 channels, then the output offset and clamp: FULLY_CONNECTED's stage.
struct DoubleRequantizationBlock: BlockRequantizer {
  var scale: SIMD16<Double>
  var clamp: OutputClamp

  /// Channels `channel..<channel + 16`; `channel` is a multiple of 16 within the padded scales.
  @inline(__always)
  @_optimize(speed)
  init(_ stage: VectorOutputStage, channel: Int) {
    scale = stage.doubleScales.withUnsafeBufferPointer {
      UnsafeRawPointer($0.baseAddress! + channel).loadUnaligned(as: SIMD16<Double>.self)
    }
    clamp = OutputClamp(stage)
  }

  /// Exact: an int32 converts to double exactly, the product is rounded once by the multiply, and
  /// `llvm.round` is C's `round` (aarch64 `frinta`; on x86 LLVM adds the largest double below 0.5 with the
  /// value's sign and truncates, which rounds the same). Clamped to [-2^31, 2^31] and added to 1.5 * 2^52, the
  /// integer is the low 32 bits of the double's significand: no conversion that could trap, and 2^31 (every
  /// result above int32) wraps to Int32.min, as `requantizedInDouble` has it. Written with the Builtin
  /// module's vector operations: as generic SIMD code or lane loops, LLVM scalarized it inside the GEMM
  /// (3x slower FULLY_CONNECTED).
  @_transparent
  @_optimize(speed)
  func apply(_ accumulator: SIMD16<Int32>) -> SIMD16<Int8> {
    let product = Builtin.fmul_Vec16xFPIEEE64(
      Builtin.sitofp_Vec16xInt32_Vec16xFPIEEE64(accumulator._storage._value), scale._storage._value)
    let clampedProduct = Builtin.int_minnum_Vec16xFPIEEE64(
      Builtin.int_maxnum_Vec16xFPIEEE64(
        Builtin.int_round_Vec16xFPIEEE64(product), SIMD16<Double>(repeating: -2_147_483_648)._storage._value),
      SIMD16<Double>(repeating: 2_147_483_648)._storage._value)
    let biased = Builtin.fadd_Vec16xFPIEEE64(
      clampedProduct, SIMD16<Double>(repeating: 6_755_399_441_055_744)._storage._value)
    var integral = SIMD16<Int32>()
    integral._storage._value = Builtin.trunc_Vec16xInt64_Vec16xInt32(
      Builtin.bitcast_Vec16xFPIEEE64_Vec16xInt64(biased))
    return clamp.apply(integral)
  }
}

/// The output offset and the activation clamp of 16 lanes, ending in int8:
/// `Int8(min(max(v + outputOffset, minimum), maximum))`.
struct OutputClamp {
  #if arch(arm64)
    var offset: SIMD16<Int32>
    var minimum: SIMD16<Int16>
    var maximum: SIMD16<Int16>

    /// The bounds fit int8: activation ranges of int8 outputs are validated into [-128, 127] at prepare.
    @inline(__always)
    @_optimize(speed)
    init(offset: Int32, minimum: Int32, maximum: Int32) {
      self.offset = SIMD16(repeating: offset)
      self.minimum = SIMD16(repeating: Int16(truncatingIfNeeded: minimum))
      self.maximum = SIMD16(repeating: Int16(truncatingIfNeeded: maximum))
    }

    /// The offset added in int32 (wrapping, as the reference adds it), then saturated to int16 (`sqxtn`,
    /// `sqxtn2`), clamped in int16 and truncated (`uzp1`): 13 instructions per 16 lanes where clamping in int32
    /// took 15. Exact, as the bounds lie within int8. (XNNPACK adds the offset after narrowing, saturating in
    /// int16, which differs from the reference's wrap for sums within the offset of ±2^31. Saturating to int8
    /// before an int8 clamp let LLVM merge the two clamps back into int32 compares.)
    @_transparent
    @_optimize(speed)
    func apply(_ v: SIMD16<Int32>) -> SIMD16<Int8> {
      let narrowed = saturated(v &+ offset)
      var r = SIMD16<Int8>()
      for i in 0..<16 { r[i] = Int8(truncatingIfNeeded: min(max(narrowed[i], minimum[i]), maximum[i])) }
      return r
    }
  #else
    var offset: SIMD16<Int32>
    var minimum: SIMD16<Int32>
    var maximum: SIMD16<Int32>

    @inline(__always)
    @_optimize(speed)
    init(offset: Int32, minimum: Int32, maximum: Int32) {
      self.offset = SIMD16(repeating: offset)
      self.minimum = SIMD16(repeating: minimum)
      self.maximum = SIMD16(repeating: maximum)
    }

    @_transparent
    @_optimize(speed)
    func apply(_ v: SIMD16<Int32>) -> SIMD16<Int8> { truncated(clamped(v &+ offset, minimum, maximum)) }
  #endif
}

extension OutputClamp {
  @inline(__always)
  @_optimize(speed)
  init(_ stage: VectorOutputStage) {
    self.init(offset: stage.outputOffset, minimum: stage.minimum, maximum: stage.maximum)
  }
}

#if arch(arm64)
  /// Each lane saturated to int16: `sqxtn`, `sqxtn2` (LLVM's pattern for a clamp then truncation).
  @inline(__always)
  @_optimize(speed)
  func saturated(_ v: SIMD16<Int32>) -> SIMD16<Int16> {
    var r = SIMD16<Int16>()
    for i in 0..<16 { r[i] = Int16(truncatingIfNeeded: min(max(v[i], -32768), 32767)) }
    return r
  }
#endif

/// `QuantizedMultiplier.apply` on 16 lanes, each with its own multiplier; `rightMask` is
/// `(1 << rightShift) - 1` (x86_64 uses it; aarch64's rounding shift needs no mask). Exact for significands of
/// 0 or at least 2^30, which `QuantizedMultiplier(_:)` guarantees (see `VectorOutputStage`).
@inline(__always)
@_optimize(speed)
func multiplyByQuantizedMultiplier(
  _ value: SIMD16<Int32>, significand: SIMD16<Int32>, leftShift: SIMD16<Int32>, rightShift: SIMD16<Int32>,
  rightMask: SIMD16<Int32>
) -> SIMD16<Int32> {
  let x = value &<< leftShift
  #if arch(arm64)
    // NEON has both steps as instructions (`highProductDividedByPOT`): 5 per 4 lanes, where the 64-bit
    // product and the remainder test below take 14.
    let down = 0 &- rightShift
    return SIMD16(
      lowHalf: SIMD8(
        lowHalf: highProductDividedByPOT(x.lowHalf.lowHalf, significand.lowHalf.lowHalf, down.lowHalf.lowHalf),
        highHalf: highProductDividedByPOT(x.lowHalf.highHalf, significand.lowHalf.highHalf, down.lowHalf.highHalf)),
      highHalf: SIMD8(
        lowHalf: highProductDividedByPOT(x.highHalf.lowHalf, significand.highHalf.lowHalf, down.highHalf.lowHalf),
        highHalf: highProductDividedByPOT(
          x.highHalf.highHalf, significand.highHalf.highHalf, down.highHalf.highHalf)))
  #else
    let high = roundedHighProduct(x, significand)
    // RoundingDivideByPOT: round half away from zero.
    let remainder = high & rightMask
    let threshold = (rightMask &>> 1) &- (high &>> 31)
    return (high &>> rightShift) &+ SIMD16<Int32>().replacing(with: 1, where: remainder .> threshold)
  #endif
}

#if arch(arm64)
  /// `roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, m), -down)` per lane, as gemmlowp's NEON code
  /// computes it: `sqrdmulh` is SaturatingRoundingDoublingHighMul exactly (`(2xm + 2^31) >> 32`, saturating
  /// min * min); `srshl` by -e rounds half up, which is half away from zero once negative values being shifted
  /// are lowered by one (the sign of `high & down` is high's when e > 0): `and`, then `ssra` adds the shifted
  /// sign. That cannot wrap: with 0 <= m < 2^31, `high` >= -2^31 + 1 (x = -2^31, m = 2^31 - 1 gives it).
  @_transparent
  @_optimize(speed)
  func highProductDividedByPOT(_ x: SIMD4<Int32>, _ m: SIMD4<Int32>, _ down: SIMD4<Int32>) -> SIMD4<Int32> {
    var high = SIMD4<Int32>()
    high._storage._value = Builtin.int_aarch64_neon_sqrdmulh_Vec4xInt32(x._storage._value, m._storage._value)
    let fixed = high &+ ((high & down) &>> 31)
    var shifted = SIMD4<Int32>()
    shifted._storage._value = Builtin.int_aarch64_neon_srshl_Vec4xInt32(fixed._storage._value, down._storage._value)
    return shifted
  }
#else
  /// `floor((x * m + 2^30) / 2^31)` per lane, written for x86's widening multiply.
  @inline(__always)
  @_optimize(speed)
  func roundedHighProduct(_ x: SIMD16<Int32>, _ m: SIMD16<Int32>) -> SIMD16<Int32> {
    // x86's 32x32->64 multiply, `vpmuldq`, reads only even lanes, and widening all lanes costs shuffles. So the
    // 16 lanes are viewed as eight 64-bit pairs: even lanes sign-extended in place and odd lanes shifted down
    // are multiplied with no shuffles; the even results sit in the low halves, the odd ones (shifted up by one
    // instead of down by 31) in the high halves, and one `vpblendd` joins them.
    let x64 = unsafeBitCast(x, to: SIMD8<Int64>.self)
    let m64 = unsafeBitCast(m, to: SIMD8<Int64>.self)
    let half = SIMD8<Int64>(repeating: 1 << 30)
    let even = (((x64 &<< 32) &>> 32) &* ((m64 &<< 32) &>> 32) &+ half) &>> 31
    let odd = ((x64 &>> 32) &* (m64 &>> 32) &+ half) &<< 1
    let low = SIMD8<Int64>(repeating: 0xFFFF_FFFF)
    return unsafeBitCast((even & low) | (odd & ~low), to: SIMD16<Int32>.self)
  }
#endif

/// `min(max(v, lower), upper)` per lane, written per lane so it inlines (the standard library's generic
/// `pointwiseMin` / `pointwiseMax` stay out-of-line calls in release builds).
@inline(__always)
@_optimize(speed)
func clamped<V: SIMD>(_ v: V, _ lower: V, _ upper: V) -> V where V.Scalar: FixedWidthInteger {
  var r = V()
  for i in 0..<V.scalarCount { r[i] = min(max(v[i], lower[i]), upper[i]) }
  return r
}

/// A `QuantizedMultiplier` broadcast to 16 lanes.
struct UniformMultiplier {
  var significand: SIMD16<Int32>
  var leftShift: SIMD16<Int32>
  var rightShift: SIMD16<Int32>
  var rightMask: SIMD16<Int32>

  /// `preShift`: a left shift of the value before `m`'s own, folded into one shift (`x << a << b` is
  /// `x << (a + b)` while `a + b` < 32).
  @inline(__always)
  @_optimize(speed)
  init(_ m: QuantizedMultiplier, preShift: Int32 = 0) {
    significand = SIMD16(repeating: m.significand)
    leftShift = SIMD16(repeating: preShift + Int32(max(m.shift, 0)))
    rightShift = SIMD16(repeating: Int32(max(-m.shift, 0)))
    rightMask = (SIMD16<Int32>(repeating: 1) &<< rightShift) &- 1
  }

  @inline(__always)
  @_optimize(speed)
  func apply(_ x: SIMD16<Int32>) -> SIMD16<Int32> {
    multiplyByQuantizedMultiplier(
      x, significand: significand, leftShift: leftShift, rightShift: rightShift, rightMask: rightMask)
  }
}

/// Fixed-point requantization, bit for bit as TFLite's `common.h` and `quantization_util.cc` do it (with
/// `TFLITE_SINGLE_ROUNDING` off, the library default): a real multiplier becomes a Q0.31 significand and a
/// power-of-two shift, and an int32 accumulator is scaled by a rounding doubling high multiply followed by a
/// rounding right shift. The double rounding is intentional: it is what LiteRT's reference kernels do, except
/// FULLY_CONNECTED's, which rounds the product in double once (`requantizedInDouble`).

/// A real multiplier as `significand * 2^(shift - 31)`, significand in [2^30, 2^31) (or 0).
public struct QuantizedMultiplier: Sendable, Equatable {
  public var significand: Int32
  /// Positive: shift left before the multiply; negative: rounding shift right after it.
  public var shift: Int

  @_optimize(speed)
  public init(significand: Int32, shift: Int) {
    self.significand = significand
    self.shift = shift
  }

  /// TFLite's `QuantizeMultiplier`: `frexp`, then round the Q0.31 significand half away from zero; tiny
  /// multipliers (below 2^-31) flush to zero. `real` must be finite and non-negative.
  @_optimize(speed)
  public init(_ real: Double) {
    guard real > 0 else {
      self.init(significand: 0, shift: 0)
      return
    }
    // frexp: real = fraction * 2^exponent with fraction in [0.5, 1).
    let fraction = real.significand / 2
    var shift = Int(real.exponent) + 1
    var fixed = Int64((fraction * 2_147_483_648.0).rounded())
    if fixed == 1 << 31 {
      fixed /= 2
      shift += 1
    }
    if shift < -31 {
      shift = 0
      fixed = 0
    }
    self.init(significand: Int32(fixed), shift: shift)
  }

  /// TFLite's `MultiplyByQuantizedMultiplier`.
  @inline(__always)
  @_optimize(speed)
  public func apply(_ x: Int32) -> Int32 {
    let leftShift = shift > 0 ? shift : 0
    let rightShift = shift > 0 ? 0 : -shift
    return roundingDivideByPOT(
      saturatingRoundingDoublingHighMul(x &<< Int32(leftShift), significand), rightShift)
  }
}

/// gemmlowp's `SaturatingRoundingDoublingHighMul`: `(a * b * 2 + 2^31) >> 32`, rounding half away from zero,
/// saturating the one overflowing case (min * min).
@inline(__always)
@_optimize(speed)
public func saturatingRoundingDoublingHighMul(_ a: Int32, _ b: Int32) -> Int32 {
  if a == b && a == .min { return .max }
  let ab = Int64(a) &* Int64(b)
  let nudge: Int64 = ab >= 0 ? 1 << 30 : 1 - (1 << 30)
  // C's division truncates toward zero, as Swift's does.
  return Int32(truncatingIfNeeded: (ab &+ nudge) / (1 << 31))
}

/// gemmlowp's `RoundingDivideByPOT`: `x / 2^exponent` rounded half away from zero; `exponent` in 0...31.
@inline(__always)
@_optimize(speed)
public func roundingDivideByPOT(_ x: Int32, _ exponent: Int) -> Int32 {
  let mask = Int32(truncatingIfNeeded: (Int64(1) << Int64(exponent)) &- 1)
  let remainder = x & mask
  let threshold = (mask >> 1) &+ (x < 0 ? 1 : 0)
  return (x >> Int32(exponent)) &+ (remainder > threshold ? 1 : 0)
}

/// LiteRT's reference FULLY_CONNECTED requantization (2.1 onwards): `(int32_t)round((double)acc * scale)`, the
/// product rounded once, half away from zero. A result outside int32 is `Int32.min`, as x86's `cvttsd2si`
/// gives it (the reference's cast is undefined there).
@inline(__always)
@_optimize(speed)
public func requantizedInDouble(_ accumulator: Int32, scale: Double) -> Int32 {
  let rounded = (Double(accumulator) * scale).rounded(.toNearestOrAwayFromZero)
  return rounded >= -2_147_483_648 && rounded < 2_147_483_648 ? Int32(rounded) : .min
}

/// The int8 clamp range of a fused activation on an output quantized with `scale` and `zeroPoint`
/// (TFLite's `CalculateActivationRangeQuantized`; the bounds are quantized in Float, as there).
@_optimize(speed)
public func activationRange(
  _ activation: FusedActivation, scale: Float, zeroPoint: Int32
) -> ClosedRange<Int32>? {
  @_optimize(speed)
  func quantize(_ value: Float) -> Int32 {
    // Beyond the int8 range the bound no longer matters, so clamp before converting (never traps).
    zeroPoint &+ Int32(min(max((value / scale).rounded(), -65536), 65536))
  }
  switch activation {
  case .none: return -128...127
  case .relu: return max(-128, quantize(0))...127
  case .relu6: return clampedRange(max(-128, quantize(0)), min(127, quantize(6)))
  case .reluN1To1: return clampedRange(max(-128, quantize(-1)), min(127, quantize(1)))
  case .tanh, .signBit: return nil
  }
}

@_optimize(speed)
private func clampedRange(_ low: Int32, _ high: Int32) -> ClosedRange<Int32>? {
  low <= high ? low...high : nil
}

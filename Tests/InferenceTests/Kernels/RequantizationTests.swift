import TestSupport
import Testing

@testable import Inference

/// Expected values are worked by hand from TFLite's formulas (common.h, quantization_util.cc).
@Suite struct RequantizationTests {
  @Test func quantizeMultiplierSplitsSignificandAndShift() {
    #expect(QuantizedMultiplier(0.5) == QuantizedMultiplier(significand: 1 << 30, shift: 0))
    #expect(QuantizedMultiplier(1.0) == QuantizedMultiplier(significand: 1 << 30, shift: 1))
    #expect(QuantizedMultiplier(0.75) == QuantizedMultiplier(significand: 1_610_612_736, shift: 0))
    // 0.1 = 0.8 * 2^-3; 0.8 * 2^31 = 1717986918.4 rounds down.
    #expect(QuantizedMultiplier(0.1) == QuantizedMultiplier(significand: 1_717_986_918, shift: -3))
    // A significand that rounds up to 2^31 is halved and the shift bumped.
    #expect(QuantizedMultiplier(0.999_999_999_9) == QuantizedMultiplier(significand: 1 << 30, shift: 1))
    // Below 2^-31 everything flushes to zero.
    #expect(QuantizedMultiplier(1e-12) == QuantizedMultiplier(significand: 0, shift: 0))
    #expect(QuantizedMultiplier(0) == QuantizedMultiplier(significand: 0, shift: 0))
  }

  @Test func roundingDivideByPOTRoundsHalfAwayFromZero() {
    #expect(roundingDivideByPOT(5, 1) == 3)
    #expect(roundingDivideByPOT(-5, 1) == -3)
    #expect(roundingDivideByPOT(4, 1) == 2)
    #expect(roundingDivideByPOT(-3, 1) == -2)
    #expect(roundingDivideByPOT(7, 0) == 7)
    #expect(roundingDivideByPOT(-804, 3) == -101)
  }

  @Test func doublingHighMulRoundsAndSaturates() {
    #expect(saturatingRoundingDoublingHighMul(101, 1 << 30) == 51)
    // The nudge 1 - 2^30 makes a negative half round toward zero here, as in gemmlowp.
    #expect(saturatingRoundingDoublingHighMul(-101, 1 << 30) == -50)
    #expect(saturatingRoundingDoublingHighMul(.min, .min) == .max)
  }

  @Test func multiplyByQuantizedMultiplierRoundsTwice() {
    let tenth = QuantizedMultiplier(0.1)
    #expect(tenth.apply(1000) == 100)
    #expect(tenth.apply(1004) == 100)
    #expect(tenth.apply(1005) == 101)
    #expect(tenth.apply(-1005) == -101)
    // A positive shift multiplies before the high multiply: 3 * 1.0.
    #expect(QuantizedMultiplier(1.0).apply(3) == 3)
    #expect(QuantizedMultiplier(4.0).apply(-7) == -28)
  }

  @Test func requantizedInDoubleRoundsOnceHalfAwayFromZero() {
    #expect(requantizedInDouble(1, scale: 0.5) == 1)
    #expect(requantizedInDouble(-1, scale: 0.5) == -1)
    #expect(requantizedInDouble(5, scale: 0.5) == 3)
    #expect(requantizedInDouble(-5, scale: 0.5) == -3)
    #expect(requantizedInDouble(4, scale: 0.5) == 2)
    // -19833 * 0.003 = -59.499: one rounding gives -59; the fixed-point multiplier's high multiply first rounds
    // to -15232 = -59.5 * 2^8, which its shift then rounds away to -60.
    #expect(requantizedInDouble(-19833, scale: 0.003) == -59)
    #expect(QuantizedMultiplier(0.003).apply(-19833) == -60)
    // Outside int32: Int32.min, as x86's cvttsd2si.
    #expect(requantizedInDouble(.max, scale: 2) == .min)
    #expect(requantizedInDouble(.min, scale: 2) == .min)
    #expect(requantizedInDouble(.max, scale: 1) == .max)
  }

  @Test func activationRangesQuantizeTheBounds() {
    #expect(activationRange(.none, scale: 0.1, zeroPoint: -10) == -128...127)
    #expect(activationRange(.relu, scale: 0.1, zeroPoint: -10) == -10...127)
    #expect(activationRange(.relu6, scale: 0.1, zeroPoint: -10) == -10...50)
    #expect(activationRange(.reluN1To1, scale: 0.1, zeroPoint: -10) == -20...0)
    #expect(activationRange(.relu6, scale: 0.01, zeroPoint: 0) == 0...127)
    #expect(activationRange(.tanh, scale: 0.1, zeroPoint: 0) == nil)
  }
}

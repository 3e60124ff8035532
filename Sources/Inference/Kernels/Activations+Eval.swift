extension SoftmaxPlan {
  /// TFLite's `reference_ops::Softmax` for int8 in and out, with exp(diff) looked up in `exps`.
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let accumulationIntegerBits = 12
    exps.withUnsafeBufferPointer { exps in
      for row in 0..<rows {
        let x = input + row * depth
        let y = output + row * depth
        var maxInRow: Int8 = .min
        for c in 0..<depth { maxInRow = max(maxInRow, x[c]) }
        let top = Int(maxInRow)
        var sumOfExps: Int32 = 0
        for c in 0..<depth {
          let e = exps[top - Int(x[c])]
          if e >= 0 { sumOfExps &+= FixedPoint.multiplyByPOT(e, -accumulationIntegerBits) }
        }
        let (scale, bitsOverUnit) = FixedPoint.reciprocal(sumOfExps, integerBits: accumulationIntegerBits)
        let exponent = bitsOverUnit + 31 - 8
        for c in 0..<depth {
          let e = exps[top - Int(x[c])]
          if e >= 0 {
            let unsaturated = roundingDivideByPOT(saturatingRoundingDoublingHighMul(scale, e), exponent)
            y[c] = Int8(clamping: unsaturated &- 128)
          } else {
            y[c] = .min
          }
        }
      }
    }
  }
}

extension LogisticPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, count: Int) {
    table.withUnsafeBufferPointer { table in
      for i in 0..<count { output[i] = table[Int(UInt8(bitPattern: input[i]))] }
    }
  }
}

/// gemmlowp's int16 `SaturatingRoundingDoublingHighMul`.
@inline(__always)
@_optimize(speed)
func saturatingRoundingDoublingHighMul16(_ a: Int16, _ b: Int16) -> Int16 {
  if a == b && a == .min { return .max }
  let ab = Int32(a) * Int32(b)
  let nudge: Int32 = ab >= 0 ? 1 << 14 : 1 - (1 << 14)
  return Int16(truncatingIfNeeded: (ab + nudge) / (1 << 15))
}

/// gemmlowp's int16 `RoundingDivideByPOT`.
@inline(__always)
@_optimize(speed)
func roundingDivideByPOT16(_ x: Int16, _ exponent: Int) -> Int16 {
  Int16(truncatingIfNeeded: roundingDivideByPOT(Int32(x), exponent))
}

extension HardSwishPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    table.withUnsafeBufferPointer { table in
      for i in 0..<count { output[i] = table[Int(UInt8(bitPattern: input[i]))] }
    }
  }

  /// TFLite's `reference_ops::HardSwish` for one int8 value.
  @_optimize(speed)
  func value(of x: Int8) -> Int8 {
    @_optimize(speed)
    func saturatingLeftShift(_ value: Int16, _ amount: Int) -> Int16 {
      Int16(clamping: Int64(value) << Int64(amount))
    }
    let inputValue = Int16(truncatingIfNeeded: Int32(x) - inputZeroPoint)
    let hires = inputValue &* (1 << 7)
    let preshiftOutput = saturatingRoundingDoublingHighMul16(hires, outputMultiplier)
    var reluish = hires
    if reluishExponent > 0 { reluish = saturatingLeftShift(reluish, reluishExponent - 1) }
    reluish = saturatingRoundingDoublingHighMul16(reluish, reluishMultiplier)
    if reluishExponent > 0 { reluish = saturatingLeftShift(reluish, 1) }
    if reluishExponent < 0 { reluish = roundingDivideByPOT16(reluish, -reluishExponent) }
    reluish = Int16(truncatingIfNeeded: (Int32(reluish) + (1 << 15)) >> 1)
    // SaturatingDoublingHighMul: truncating, not rounding, to cancel the bias of the rounding above.
    let product: Int16 =
      reluish == preshiftOutput && reluish == .min
      ? .max : Int16(truncatingIfNeeded: (Int32(reluish) * Int32(preshiftOutput)) / (1 << 15))
    var value = Int32(roundingDivideByPOT16(product, -outputExponent))
    value += outputZeroPoint
    return Int8(clamping: value)
  }
}

extension PReluPlan {
  /// 16 elements at a time: both branches computed, the sign of the offset input selecting between them.
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let positive = UniformMultiplier(self.positive)
    let negative = UniformMultiplier(self.negative)
    let inputZeroPoint = SIMD16(repeating: self.inputZeroPoint)
    let outputZeroPoint = SIMD16(repeating: self.outputZeroPoint)
    let low = SIMD16<Int32>(repeating: -128)
    let high = SIMD16<Int32>(repeating: 127)
    alphas.withUnsafeBufferPointer { alphas in
      let period = alphas.count
      let vectorized = period / 16 * 16
      var base = 0
      while base < count {
        let x = input + base
        let y = output + base
        var j = 0
        while j < vectorized {
          let offset = widened(UnsafeRawPointer(x + j).loadUnaligned(as: SIMD16<Int8>.self)) &- inputZeroPoint
          let alpha = UnsafeRawPointer(alphas.baseAddress! + j).loadUnaligned(as: SIMD16<Int32>.self)
          // All ones where the offset input is negative: a bitwise select (SIMD's replace(with:where:) is not
          // vectorized).
          let isNegative = offset &>> 31
          let scaled = (negative.apply(offset &* alpha) & isNegative) | (positive.apply(offset) & ~isNegative)
          let result = truncated(clamped(scaled &+ outputZeroPoint, low, high))
          UnsafeMutableRawPointer(y + j).storeBytes(of: result, as: SIMD16<Int8>.self)
          j += 16
        }
        while j < period {
          y[j] = value(x[j], alpha: alphas[j])
          j += 1
        }
        base += period
      }
    }
  }

  /// The plain kernel: one element at a time, as the reference walks them.
  @_optimize(speed)
  func evalReference(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    for i in 0..<count { output[i] = value(input[i], alpha: alphas[i % alphas.count]) }
  }
}

extension ElementwisePlan {
  @inline(__always)
  func combine(_ a: Int8, _ b: Int8) -> Int8 {
    let x = Int32(a) &+ input1Offset
    let y = Int32(b) &+ input2Offset
    let raw: Int32
    switch kind {
    case .add, .sub:
      let scaledX = input1Multiplier.apply(x &<< Self.leftShift)
      let scaledY = input2Multiplier.apply(y &<< Self.leftShift)
      raw = outputMultiplier.apply(kind == .add ? scaledX &+ scaledY : scaledX &- scaledY) &+ outputOffset
    case .mul:
      raw = outputMultiplier.apply(x &* y) &+ outputOffset
    }
    return Int8(truncatingIfNeeded: min(max(raw, minimum), maximum))
  }

  func eval(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    guard broadcasts else {
      let vectorized = kind == .mul ? 0 : count / 16 * 16
      if vectorized > 0 { addOrSubtract16(a, b, output: output, count: vectorized) }
      for i in vectorized..<count { output[i] = combine(a[i], b[i]) }
      return
    }
    var o = 0
    for i0 in 0..<shape[0] {
      for i1 in 0..<shape[1] {
        for i2 in 0..<shape[2] {
          for i3 in 0..<shape[3] {
            for i4 in 0..<shape[4] {
              let baseA = i0 * strides1[0] + i1 * strides1[1] + i2 * strides1[2] + i3 * strides1[3] + i4 * strides1[4]
              let baseB = i0 * strides2[0] + i1 * strides2[1] + i2 * strides2[2] + i3 * strides2[3] + i4 * strides2[4]
              for i5 in 0..<shape[5] {
                output[o] = combine(a[baseA + i5 * strides1[5]], b[baseB + i5 * strides2[5]])
                o += 1
              }
            }
          }
        }
      }
    }
  }
}

extension ElementwisePlan {
  /// ADD or SUB of same-shape inputs, 16 elements at a time, exactly as `combine`; `count` is a multiple of 16.
  private func addOrSubtract16(
    _ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, count: Int
  ) {
    let m1 = UniformMultiplier(input1Multiplier)
    let m2 = UniformMultiplier(input2Multiplier)
    let mOut = UniformMultiplier(outputMultiplier)
    let offset1 = SIMD16<Int32>(repeating: input1Offset)
    let offset2 = SIMD16<Int32>(repeating: input2Offset)
    let offsetOut = SIMD16<Int32>(repeating: outputOffset)
    let low = SIMD16<Int32>(repeating: minimum)
    let high = SIMD16<Int32>(repeating: maximum)
    let sign: Int32 = kind == .add ? 1 : -1
    var i = 0
    while i < count {
      let x = widened(UnsafeRawPointer(a + i).loadUnaligned(as: SIMD16<Int8>.self)) &+ offset1
      let y = widened(UnsafeRawPointer(b + i).loadUnaligned(as: SIMD16<Int8>.self)) &+ offset2
      let scaledX = m1.apply(x &<< Self.leftShift)
      let scaledY = m2.apply(y &<< Self.leftShift)
      let raw = mOut.apply(scaledX &+ scaledY &* sign) &+ offsetOut
      UnsafeMutableRawPointer(output + i).storeBytes(
        of: truncated(clamped(raw, low, high)), as: SIMD16<Int8>.self)
      i += 16
    }
  }
}

extension ElementwisePlan {
  @inline(__always)
  private func combine(_ a: Int8, _ b: Int8) -> Int8 {
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
      for i in 0..<count { output[i] = combine(a[i], b[i]) }
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

extension FloatBinaryPlan {
  @inline(__always)
  @_optimize(speed)
  func combine(_ x: Float, _ y: Float) -> Float {
    switch kind {
    case .add: return range.clamp(x + y)
    case .sub: return range.clamp(x - y)
    case .mul: return range.clamp(x * y)
    case .div: return range.clamp(x / y)
    case .squaredDifference:
      let difference = x - y
      return difference * difference
    }
  }

  @_optimize(speed)
  func eval(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    guard broadcast.broadcasts else {
      for i in 0..<broadcast.count { output[i] = combine(a[i], b[i]) }
      return
    }
    var o = 0
    broadcast.forEach { i1, i2 in
      output[o] = combine(a[i1], b[i2])
      o += 1
    }
  }
}

extension FloatUnaryPlan {
  static let logisticUpperCutoff: Float = 16.619047164916992188
  static let logisticLowerCutoff: Float = -9

  /// LOGISTIC as the reference computes it, with its cut-offs.
  @inline(__always)
  @_optimize(speed)
  static func logistic(_ x: Float) -> Float {
    if x > logisticUpperCutoff { return 1 }
    if x < logisticLowerCutoff { return floatExp(x) }
    return 1 / (1 + floatExp(-x))
  }

  @inline(__always)
  @_optimize(speed)
  func apply(_ x: Float) -> Float {
    switch kind {
    case .logistic: return Self.logistic(x)
    case .tanh: return floatTanh(x)
    case .relu: return 0 < x ? x : 0
    case .relu6:
      let low = 0 < x ? x : 0
      return 6 < low ? 6 : low
    case .reluN1To1:
      let low = -1 < x ? x : -1
      return 1 < low ? 1 : low
    case .hardSwish:
      let shifted = x + 3
      let low: Float = 0 < shifted ? shifted : 0
      return x * (low < 6 ? low : 6) / 6
    case .rsqrt: return 1 / x.squareRoot()
    case .leakyRelu(let alpha): return x > 0 ? x : x * alpha
    case .neg: return -x
    }
  }

  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    for i in 0..<count { output[i] = apply(input[i]) }
  }
}

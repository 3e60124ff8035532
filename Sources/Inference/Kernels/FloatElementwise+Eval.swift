extension FloatBinaryPlan {
  /// One loop per operator, each on 8 lanes: the IEEE operation, then the fused activation's clamp
  /// (SQUARED_DIFFERENCE: the difference times itself, unclamped).
  @_optimize(speed)
  func eval(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let range = self.range
    @_optimize(speed)
    @inline(__always) func add(_ x: FloatVector, _ y: FloatVector) -> FloatVector { range.clamp(x + y) }
    @_optimize(speed)
    @inline(__always) func subtract(_ x: FloatVector, _ y: FloatVector) -> FloatVector { range.clamp(x - y) }
    @_optimize(speed)
    @inline(__always) func multiply(_ x: FloatVector, _ y: FloatVector) -> FloatVector { range.clamp(x * y) }
    @_optimize(speed)
    @inline(__always) func divide(_ x: FloatVector, _ y: FloatVector) -> FloatVector { range.clamp(x / y) }
    @_optimize(speed)
    @inline(__always) func squaredDifference(_ x: FloatVector, _ y: FloatVector) -> FloatVector {
      let difference = x - y
      return difference * difference
    }
    switch kind {
    case .add: combine(a, b, output, add)
    case .sub: combine(a, b, output, subtract)
    case .mul: combine(a, b, output, multiply)
    case .div: combine(a, b, output, divide)
    case .squaredDifference: combine(a, b, output, squaredDifference)
    }
  }

  /// Same-shape operands as one row; broadcast ones row by row (a row: the last dimension once the broadcast's
  /// dimensions are merged), each operand's row contiguous or one element repeated.
  @inline(__always)
  @_optimize(speed)
  private func combine(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
    _ body: (FloatVector, FloatVector) -> FloatVector
  ) {
    guard broadcast.broadcasts else {
      combineFloats(a, 1, b, 1, output, count: broadcast.count, body)
      return
    }
    let (row, strideA, strideB) = (broadcast.shape[5], broadcast.strides1[5], broadcast.strides2[5])
    broadcast.forEachRow { baseA, baseB, o in
      combineFloats(a + baseA, strideA, b + baseB, strideB, output + o, count: row, body)
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

  /// One loop per function. The C library's `expf`, `tanhf` and `logf` run per element, unless the input is a
  /// DEQUANTIZE's output: then an element equal to one of the 256 dequantized values takes its precomputed value.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let (zero, one, six) = (FloatVector.zero, FloatVector(repeating: 1), FloatVector(repeating: 6))
    @_optimize(speed)
    @inline(__always) func relu(_ x: FloatVector) -> FloatVector { choose(0 .< x, x, zero) }
    @_optimize(speed)
    @inline(__always) func relu6(_ x: FloatVector) -> FloatVector {
      let low = choose(0 .< x, x, zero)
      return choose(6 .< low, six, low)
    }
    @_optimize(speed)
    @inline(__always) func reluN1To1(_ x: FloatVector) -> FloatVector {
      let low = choose(-1 .< x, x, -one)
      return choose(1 .< low, one, low)
    }
    @_optimize(speed)
    @inline(__always) func hardSwish(_ x: FloatVector) -> FloatVector {
      let shifted = x + 3
      let low = choose(0 .< shifted, shifted, zero)
      return x * choose(low .< 6, low, six) / 6
    }
    @_optimize(speed)
    @inline(__always) func rsqrt(_ x: FloatVector) -> FloatVector { 1 / x.squareRoot() }
    @_optimize(speed)
    @inline(__always) func negate(_ x: FloatVector) -> FloatVector {
      // Lane by lane: the vector `-x` is `0 - x`, which makes 0 of -0.
      var negated = x
      for lane in 0..<8 { negated[lane] = -x[lane] }
      return negated
    }
    @_optimize(speed)
    @inline(__always) func magnitude(_ x: FloatVector) -> FloatVector {
      // Lane by lane, as `negate`: -0 becomes +0 and a NaN stays a NaN, as `std::abs` does.
      var magnitudes = x
      for lane in 0..<8 { magnitudes[lane] = Swift.abs(x[lane]) }
      return magnitudes
    }
    @_optimize(speed)
    @inline(__always) func square(_ x: FloatVector) -> FloatVector { x * x }
    switch kind {
    case .logistic: mapThroughTable(input, output, Self.logistic)
    case .tanh: mapThroughTable(input, output, floatTanh)
    case .relu: mapFloats(input, output, count: count, relu)
    case .relu6: mapFloats(input, output, count: count, relu6)
    case .reluN1To1: mapFloats(input, output, count: count, reluN1To1)
    case .hardSwish: mapFloats(input, output, count: count, hardSwish)
    case .rsqrt: mapFloats(input, output, count: count, rsqrt)
    case .leakyRelu(let alpha):
      @_optimize(speed)
      @inline(__always) func leakyRelu(_ x: FloatVector) -> FloatVector { choose(x .> 0, x, x * alpha) }
      mapFloats(input, output, count: count, leakyRelu)
    case .neg: mapFloats(input, output, count: count, negate)
    case .abs: mapFloats(input, output, count: count, magnitude)
    case .square: mapFloats(input, output, count: count, square)
    case .exp: mapThroughTable(input, output, floatExp)
    case .log: mapThroughTable(input, output, floatLog)
    }
  }

  /// Each element's likely position among the dequantized values, `x / scale + zero point` rounded, gives a key
  /// and a value; the value is taken where the key equals the element bit for bit (+0 and -0 differ for TANH),
  /// `function` computes the others. The position needs no range check: adding 1.5 * 2^23 rounds it into the
  /// low bits of the significand, and a position out of range only picks a key that does not match.
  @inline(__always)
  @_optimize(speed)
  private func mapThroughTable(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ function: (Float) -> Float
  ) {
    guard let table else {
      for i in 0..<count { output[i] = function(input[i]) }
      return
    }
    let (inverseScale, offset) = (table.inverseScale, table.zeroPosition + 0x1.8p23)
    @_optimize(speed)
    @inline(__always) func run(_ keys: UnsafePointer<Float>, _ values: UnsafePointer<Float>) {
      for i in 0..<count {
        let x = input[i]
        let k = Int((x * inverseScale + offset).bitPattern & 0xFF)
        output[i] = keys[k].bitPattern == x.bitPattern ? values[k] : function(x)
      }
    }
    table.keys.withUnsafeBufferPointer { keys in
      table.values.withUnsafeBufferPointer { values in run(keys.baseAddress!, values.baseAddress!) }
    }
  }
}

// The reference kernels, one element at a time, as the reference writes them: the vector loops above compute
// the same lane by lane (the kernel checks compare them bit for bit).

extension FloatBinaryPlan {
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
}

extension FloatUnaryPlan {
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
    case .abs: return Swift.abs(x)
    case .square: return x * x
    case .exp: return floatExp(x)
    case .log: return floatLog(x)
    }
  }
}

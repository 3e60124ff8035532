import Builtin

extension QuantizePlan {
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    switch (kind, unsignedInput, unsignedOutput) {
    case (.fromFloat(let scale, let zeroPoint), _, false):
      quantize(input, output, as: Int8.self, scale: scale, zeroPoint: zeroPoint)
    case (.fromFloat(let scale, let zeroPoint), _, true):
      quantize(input, output, as: UInt8.self, scale: scale, zeroPoint: zeroPoint)
    case (.requantize(let table), _, _):
      // A function of one byte: its table, looked up as LOOKUP tables are (16 bytes per step on aarch64).
      table.withUnsafeBufferPointer { table in
        lookUpBytes(
          table.baseAddress!, input.assumingMemoryBound(to: Int8.self), output.assumingMemoryBound(to: Int8.self),
          count: count)
      }
    case (.toFloat(let scale, let zeroPoint), false, _):
      dequantize(input, Int8.self, output, scale: scale, zeroPoint: zeroPoint)
    case (.toFloat(let scale, let zeroPoint), true, _):
      dequantize(input, UInt8.self, output, scale: scale, zeroPoint: zeroPoint)
    }
  }

  /// `reference_ops::AffineQuantize`: `round(x / scale) + zero point` in Float, clamped to the output type; 8
  /// lanes at a time. A vector whose rounded quotients are all below 2^23 in magnitude (with a zero point as
  /// small) adds the zero point in Float, exactly, then converts and clamps in int32; any other vector (NaN, or
  /// quotients near the int32 range, where the reference's conversion and addition wrap) takes the scalar steps.
  @_optimize(speed)
  private func quantize<Output: FixedWidthInteger & SIMDScalar>(
    _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, as: Output.Type, scale: Float, zeroPoint: Int32
  ) {
    let x = input.assumingMemoryBound(to: Float.self)
    let y = output.assumingMemoryBound(to: Output.self)
    let divisor = FloatVector(repeating: scale)
    let zero = FloatVector(repeating: Float(zeroPoint))
    let (low, high) = (SIMD8<Int32>(repeating: Int32(Output.min)), SIMD8<Int32>(repeating: Int32(Output.max)))
    let exactLimit: Float = 0x1p23
    let zeroPointFits = zeroPoint.magnitude < 1 << 23
    @_optimize(speed)
    @inline(__always) func step(_ i: Int, _ n: Int) {
      let r = (FloatVector(lanes: x + i, count: n) / divisor).rounded(.toNearestOrAwayFromZero)
      guard zeroPointFits, all((r .< exactLimit) .& (r .> -exactLimit)) else {
        for j in i..<i + n { y[j] = Self.quantized(x[j], scale: scale, zeroPoint: zeroPoint) }
        return
      }
      // An integer below 2^24 in magnitude: its conversion cannot overflow, so it needs no checks.
      var q = SIMD8<Int32>()
      q._storage._value = Builtin.fptosi_Vec8xFPIEEE32_Vec8xInt32((r + zero)._storage._value)
      SIMD8<Output>(truncatingIfNeeded: clamped(q, low, high)).storeLanes(to: y + i, count: n)
    }
    forEachVector(count: count, step)
  }

  /// One element as `reference_ops::AffineQuantize` computes it, in int32 after the rounding.
  @inline(__always)
  @_optimize(speed)
  static func quantized<Output: FixedWidthInteger>(_ x: Float, scale: Float, zeroPoint: Int32) -> Output {
    let r = (x / scale).rounded()
    // x86's cvttss2si yields INT32_MIN for NaN and out-of-range values; TFLite inherits that.
    let q = r >= -2_147_483_648 && r < 2_147_483_648 ? Int32(r) : Int32.min
    return Output(clamping: q &+ zeroPoint)
  }

  /// `reference_ops::Dequantize`: `scale * (q - zero point)` in double, rounded to Float, 8 lanes at a time
  /// (`QuantizePlan.dequantized` lane by lane). With a zero point below 2^23 in magnitude (every int8 one) that
  /// is one Float multiplication: q - zero point is below 2^24, exact in Float, and the scale a float32 value,
  /// so the double product (at most 48 significant bits) is exact, and rounding it to Float rounds the exact
  /// product, as Float multiplication does.
  @_optimize(speed)
  private func dequantize<Input: FixedWidthInteger & SIMDScalar>(
    _ input: UnsafeRawPointer, _: Input.Type, _ output: UnsafeMutableRawPointer, scale: Double, zeroPoint: Int32
  ) {
    let out = output.assumingMemoryBound(to: Float.self)
    if zeroPoint.magnitude < 1 << 23 {
      let (factor, zero) = (FloatVector(repeating: Float(scale)), SIMD8<Int32>(repeating: zeroPoint))
      @_optimize(speed)
      @inline(__always) func exactStep(_ i: Int, _ n: Int) {
        let q = SIMD8<Int32>(truncatingIfNeeded: SIMD8<Input>(lanes: input + i, count: n))
        (factor * FloatVector(q &- zero)).storeLanes(to: out + i, count: n)
      }
      return forEachVector(count: count, exactStep)
    }
    let zero = SIMD8<Double>(repeating: Double(zeroPoint))
    @_optimize(speed)
    @inline(__always) func step(_ i: Int, _ n: Int) {
      let q = SIMD8<Input>(lanes: input + i, count: n)
      var difference = SIMD8<Double>()
      for lane in 0..<8 { difference[lane] = Double(q[lane]) }
      let real = scale * (difference - zero)
      var result = FloatVector()
      for lane in 0..<8 { result[lane] = Float(real[lane]) }
      result.storeLanes(to: out + i, count: n)
    }
    forEachVector(count: count, step)
  }
}

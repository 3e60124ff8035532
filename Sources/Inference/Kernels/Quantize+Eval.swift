extension QuantizePlan {
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    switch (kind, unsignedInput, unsignedOutput) {
    case (.fromFloat(let scale, let zeroPoint), _, false):
      quantize(input, output, as: Int8.self, scale: scale, zeroPoint: zeroPoint)
    case (.fromFloat(let scale, let zeroPoint), _, true):
      quantize(input, output, as: UInt8.self, scale: scale, zeroPoint: zeroPoint)
    case (.requantize(let multiplier, let inputZeroPoint, let outputZeroPoint), false, false):
      requantize(input, Int8.self, output, Int8.self, multiplier, inputZeroPoint, outputZeroPoint)
    case (.requantize(let multiplier, let inputZeroPoint, let outputZeroPoint), true, false):
      requantize(input, UInt8.self, output, Int8.self, multiplier, inputZeroPoint, outputZeroPoint)
    case (.requantize(let multiplier, let inputZeroPoint, let outputZeroPoint), false, true):
      requantize(input, Int8.self, output, UInt8.self, multiplier, inputZeroPoint, outputZeroPoint)
    case (.requantize(let multiplier, let inputZeroPoint, let outputZeroPoint), true, true):
      requantize(input, UInt8.self, output, UInt8.self, multiplier, inputZeroPoint, outputZeroPoint)
    case (.toFloat(let scale, let zeroPoint), false, _):
      dequantize(input, Int8.self, output, scale: scale, zeroPoint: zeroPoint)
    case (.toFloat(let scale, let zeroPoint), true, _):
      dequantize(input, UInt8.self, output, scale: scale, zeroPoint: zeroPoint)
    }
  }

  /// `reference_ops::AffineQuantize`: `round(x / scale) + zero point` in Float, clamped to the output type.
  @_optimize(speed)
  private func quantize<Output: FixedWidthInteger>(
    _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, as: Output.Type, scale: Float, zeroPoint: Int32
  ) {
    let x = input.assumingMemoryBound(to: Float.self)
    let y = output.assumingMemoryBound(to: Output.self)
    for i in 0..<count {
      let r = (x[i] / scale).rounded()
      // x86's cvttss2si yields INT32_MIN for NaN and out-of-range values; TFLite inherits that.
      let q = r >= -2_147_483_648 && r < 2_147_483_648 ? Int32(r) : Int32.min
      y[i] = Output(clamping: q &+ zeroPoint)
    }
  }

  /// `reference_ops::Requantize`: the offset input rescaled, offset again and clamped to the output type.
  @_optimize(speed)
  private func requantize<Input: FixedWidthInteger, Output: FixedWidthInteger>(
    _ input: UnsafeRawPointer, _: Input.Type, _ output: UnsafeMutableRawPointer, _: Output.Type,
    _ multiplier: QuantizedMultiplier, _ inputZeroPoint: Int32, _ outputZeroPoint: Int32
  ) {
    let x = input.assumingMemoryBound(to: Input.self)
    let y = output.assumingMemoryBound(to: Output.self)
    for i in 0..<count {
      y[i] = Output(clamping: multiplier.apply(Int32(x[i]) - inputZeroPoint) &+ outputZeroPoint)
    }
  }

  /// `reference_ops::Dequantize`: `scale * (q - zero point)` in double, rounded to Float.
  @_optimize(speed)
  private func dequantize<Input: FixedWidthInteger>(
    _ input: UnsafeRawPointer, _: Input.Type, _ output: UnsafeMutableRawPointer, scale: Double, zeroPoint: Int32
  ) {
    let x = input.assumingMemoryBound(to: Input.self)
    let y = output.assumingMemoryBound(to: Float.self)
    for i in 0..<count { y[i] = Float(scale * Double(Int32(x[i]) - zeroPoint)) }
  }
}

/// QUANTIZE (float32 to int8 or uint8; int8 or uint8 to int8 or uint8 with new parameters, which the converter
/// emits for `inference_input_type=tf.uint8` and as requantizations) and DEQUANTIZE (int8 or uint8 to float32).
struct QuantizePlan: Sendable {
  enum Kind: Sendable {
    case fromFloat(scale: Float, zeroPoint: Int32)
    /// The output byte for each input byte (`table[Int(UInt8(bitPattern: x))]`).
    case requantize(table: [Int8])
    case toFloat(scale: Double, zeroPoint: Int32)
  }
  var kind: Kind
  /// Whether the quantized input, and the quantized output, are uint8 rather than int8.
  var unsignedInput = false
  var unsignedOutput = false
  var count: Int

  init(_ context: OperatorContext, dequantize: Bool) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    guard input.elementCount == output.elementCount else { throw context.invalid("input and output sizes differ") }
    count = input.elementCount
    if dequantize {
      guard output.type == .float32 else { throw context.invalid("output must be float32, is \(output.type)") }
      let q = try context.byteParameters(input, "input")
      kind = .toFloat(scale: Double(q.scale), zeroPoint: q.zeroPoint)
      unsignedInput = input.type == .uint8
      return
    }
    let outputQ = try context.byteParameters(output, "output")
    unsignedOutput = output.type == .uint8
    switch input.type {
    case .float32: kind = .fromFloat(scale: outputQ.scale, zeroPoint: outputQ.zeroPoint)
    case .int8, .uint8:
      let inputQ = try context.byteParameters(input, "input")
      unsignedInput = input.type == .uint8
      let multiplier = QuantizedMultiplier(Double(inputQ.scale) / Double(outputQ.scale))
      let (unsignedInput, unsignedOutput) = (self.unsignedInput, self.unsignedOutput)
      kind = .requantize(
        table: (0..<256).map { byte in
          Self.requantized(
            UInt8(byte), multiplier, inputZeroPoint: inputQ.zeroPoint, outputZeroPoint: outputQ.zeroPoint,
            unsignedInput: unsignedInput, unsignedOutput: unsignedOutput)
        })
    default: throw context.invalid("input must be float32, int8 or uint8, is \(input.type)")
    }
  }
}

extension QuantizePlan {
  /// `reference_ops::Requantize` of one byte (int8, or uint8 when `unsignedInput`): the offset input rescaled,
  /// offset again and clamped to the output type (int8, or uint8 when `unsignedOutput`), as the output's byte.
  static func requantized(
    _ byte: UInt8, _ multiplier: QuantizedMultiplier, inputZeroPoint: Int32, outputZeroPoint: Int32,
    unsignedInput: Bool, unsignedOutput: Bool
  ) -> Int8 {
    let x = unsignedInput ? Int32(byte) : Int32(Int8(bitPattern: byte))
    let y = multiplier.apply(x &- inputZeroPoint) &+ outputZeroPoint
    return unsignedOutput ? Int8(bitPattern: UInt8(clamping: y)) : Int8(clamping: y)
  }

  /// `reference_ops::Dequantize` of one value: `scale * (q - zero point)` in double, rounded to Float. The
  /// difference is taken in double, where it is exact, so no zero point can overflow it.
  static func dequantized(_ q: Int32, scale: Double, zeroPoint: Int32) -> Float {
    Float(scale * (Double(q) - Double(zeroPoint)))
  }
}

extension OperatorContext {
  /// Checks `tensor` is int8 or uint8 with per-tensor affine quantization and a usable scale.
  func byteParameters(_ tensor: Tensor, _ role: String) throws(ModelError) -> (scale: Float, zeroPoint: Int32) {
    guard tensor.type == .int8 || tensor.type == .uint8 else {
      throw invalid("\(role) must be int8 or uint8, is \(tensor.type)")
    }
    return try perTensorParameters(tensor, role)
  }
}

/// The output stage shared by the int8 multiply-accumulate ops: per output channel, the requantization
/// multiplier and the int32 bias; and the clamp range of the fused activation.
struct OutputStage: Sendable {
  var multipliers: [QuantizedMultiplier]
  var bias: [Int32]
  var outputOffset: Int32
  var minimum: Int32
  var maximum: Int32
  /// Per channel `inputScale * filterScale / outputScale` in double where the accumulator is requantized in
  /// double (`requantizedInDouble`) rather than by `multipliers`: FULLY_CONNECTED, as LiteRT's reference does
  /// since 2.1. Empty for the fixed-point operators.
  var doubleScales: [Double] = []

  /// Requantizes one accumulator (bias already added) of `channel`.
  @inline(__always)
  func requantize(_ accumulator: Int32, channel: Int) -> Int8 {
    let rescaled =
      doubleScales.isEmpty
      ? multipliers[channel].apply(accumulator) : requantizedInDouble(accumulator, scale: doubleScales[channel])
    return Int8(truncatingIfNeeded: min(max(rescaled &+ outputOffset, minimum), maximum))
  }
}

extension OperatorContext {
  /// Validates filter quantization (symmetric int8, per tensor or per channel along `dimension`) and bias
  /// (int32, one per channel), and computes each channel's multiplier `input * filter / output` in double as
  /// TFLite's `PopulateConvolutionQuantizationParams` does. With `roundsInDouble`, the stage also keeps those
  /// doubles and requantizes with them (FULLY_CONNECTED; see `OutputStage.doubleScales`).
  func outputStage(
    input: (scale: Float, zeroPoint: Int32), filter: Tensor, bias: Tensor?, output: (scale: Float, zeroPoint: Int32),
    channels: Int, dimension: Int, activation: FusedActivation, roundsInDouble: Bool = false
  ) throws(ModelError) -> OutputStage {
    guard filter.type == .int8 else { throw invalid("filter must be int8, is \(filter.type)") }
    guard let q = filter.quantization, q.scales.count == 1 || q.scales.count == channels,
      q.zeroPoints.count == q.scales.count
    else { throw invalid("filter \"\(filter.name)\" needs per-tensor or per-channel (\(channels)) quantization") }
    guard q.scales.count == 1 || q.dimension == dimension else {
      throw invalid("filter \"\(filter.name)\" is quantized along dimension \(q.dimension), expected \(dimension)")
    }
    guard q.zeroPoints.allSatisfy({ $0 == 0 }) else { throw invalid("filter \"\(filter.name)\" must be symmetric") }
    var multipliers: [QuantizedMultiplier] = []
    var reals: [Double] = []
    multipliers.reserveCapacity(channels)
    reals.reserveCapacity(channels)
    for channel in 0..<channels {
      let filterScale = q.scales[q.scales.count == 1 ? 0 : channel]
      guard filterScale.isFinite, filterScale > 0 else {
        throw invalid("filter \"\(filter.name)\" channel \(channel) has scale \(filterScale)")
      }
      let real = Double(input.scale) * Double(filterScale) / Double(output.scale)
      guard real < 256 else { throw invalid("requantization scale \(real) of channel \(channel) is not below 256") }
      multipliers.append(QuantizedMultiplier(real))
      reals.append(real)
    }
    var biasValues = [Int32](repeating: 0, count: channels)
    if let bias {
      guard bias.type == .int32, bias.elementCount == channels else {
        throw invalid("bias \"\(bias.name)\" must be \(channels) int32 values")
      }
      biasValues = try constantInts(bias, "bias").map { Int32(truncatingIfNeeded: $0) }
    }
    let range = try self.activation(activation, output: output)
    return OutputStage(
      multipliers: multipliers, bias: biasValues, outputOffset: output.zeroPoint, minimum: range.lowerBound,
      maximum: range.upperBound, doubleScales: roundsInDouble ? reals : [])
  }
}

import Inference

/// How a classifier's output tensor becomes one score per label: float32 values as they are, int8 and uint8
/// values dequantized with their tensor's scale and zero point, or with each class's own when the output is
/// quantized per channel along the class axis. Then, for a card whose `scores = logits`, softmax.
struct OutputScores {
  let type: ElementType
  /// One scale and zero point per class (a per-tensor pair repeated); empty for float32.
  let scales: [Float]
  let zeroPoints: [Int32]
  let logits: Bool

  /// Why `output` cannot give one score per class; nil when it can. `LoadedModel` checked the element type and
  /// count. Per-channel parameters are meaningful only along the class axis (the last).
  static func refusal(of output: Tensor) -> String? {
    guard let quantization = output.quantization, !quantization.isPerTensor else { return nil }
    guard quantization.dimension == output.shape.count - 1, quantization.scales.count == output.elementCount,
      quantization.zeroPoints.count == output.elementCount
    else {
      return
        "the output tensor '\(output.name)' is quantized per channel along dimension \(quantization.dimension) with \(quantization.scales.count) scales and \(quantization.zeroPoints.count) zero points; only one pair per tensor, or one per class along the last dimension, gives one score per class"
    }
    return nil
  }

  /// The reader of `output`, which `refusal(of:)` accepted.
  init(_ output: Tensor, logits: Bool) {
    type = output.type
    self.logits = logits
    guard type != .float32, let quantization = output.quantization else {
      (scales, zeroPoints) = ([], [])
      return
    }
    let count = output.elementCount
    scales = quantization.isPerTensor ? Array(repeating: quantization.scales[0], count: count) : quantization.scales
    zeroPoints =
      quantization.isPerTensor ? Array(repeating: quantization.zeroPoints[0], count: count) : quantization.zeroPoints
  }

  /// The scores in `raw`, the output tensor's bytes.
  func read(_ raw: UnsafeRawBufferPointer) -> [Float] {
    let values: [Float]
    switch type {
    case .float32:
      values = (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
    case .uint8:
      values = raw.indices.map { Float(Int32(raw[$0]) - zeroPoints[$0]) * scales[$0] }
    default:
      values = raw.indices.map { Float(Int32(Int8(bitPattern: raw[$0])) - zeroPoints[$0]) * scales[$0] }
    }
    return logits ? ClassProbabilities.fromLogits(values) : values
  }
}

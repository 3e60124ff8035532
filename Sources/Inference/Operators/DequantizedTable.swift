/// A float32 function's values at the 256 values a DEQUANTIZE makes from int8 or uint8, for an operator whose
/// input is that DEQUANTIZE's output (EfficientNet's swish: LOGISTIC of a dequantized convolution). An element
/// equal, bit for bit, to one of the dequantized values takes the function's value there; any other element is
/// computed. So the table changes no result, whatever the input holds: it only spares the C library's `expf`.
struct DequantizedTable: Sendable {
  /// The dequantized values, in the order of the quantized ones, and the function at each.
  var keys: [Float]
  var values: [Float]
  /// An element's likely position in `keys` is `x * inverseScale + zeroPosition`, rounded.
  var inverseScale: Float
  var zeroPosition: Float

  /// The table of `function` when input 0 of `context`'s operator is the output of a DEQUANTIZE from int8 or
  /// uint8 with per-tensor quantization; nil otherwise.
  init?(_ context: OperatorContext, _ function: (Float) -> Float) {
    let model = context.model
    guard let tensor = context.op.inputs.first,
      let producer = model.operators.first(where: { $0.kind == .dequantize && $0.outputs.contains(tensor) }),
      let source = producer.inputs.first, source >= 0, source < model.tensors.count
    else { return nil }
    let quantized = model.tensors[source]
    guard quantized.type == .int8 || quantized.type == .uint8, let q = quantized.quantization,
      q.scales.count == 1, q.zeroPoints.count == 1, q.scales[0].isFinite, q.scales[0] > 0
    else { return nil }
    let lowest: Int32 = quantized.type == .int8 ? -128 : 0
    let (scale, zeroPoint) = (Double(q.scales[0]), q.zeroPoints[0])
    keys = (lowest..<lowest + 256).map { QuantizePlan.dequantized($0, scale: scale, zeroPoint: zeroPoint) }
    values = keys.map(function)
    inverseScale = 1 / q.scales[0]
    zeroPosition = Float(Int64(zeroPoint) - Int64(lowest))
  }
}

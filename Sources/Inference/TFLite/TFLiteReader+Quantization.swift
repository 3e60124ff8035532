extension TFLiteReader {
  /// The tensor's affine quantization, or nil when it has none: like TFLite, an absent table or an empty scale
  /// list means "not quantized" (float tensors often carry empty parameters). int8 and int16 tensors must be
  /// quantized. Scales must be finite and positive; zero points must fit the type (int8: −128…127); a
  /// per-channel list has one scale per entry of `shape[quantized_dimension]`.
  func quantization(of table: FlatTable, tensor index: Int, name: String, type: ElementType, shape: [Int])
    throws(ModelError) -> Quantization?
  {
    func invalid(_ reason: String) -> ModelError { .invalidQuantization(index: index, name: name, reason: reason) }
    let what = "tensor \(index) \"\(name)\" quantization"

    guard let parameters = try quantizationParameters(of: table, what, invalid: invalid) else {
      if type == .int8 || type == .int16 { throw invalid("\(type.schemaName) tensors must be quantized") }
      return nil
    }
    let (scales, zeroPoints, dimension) = parameters
    for (channel, scale) in scales.enumerated() where !(scale.isFinite && scale > 0) {
      throw invalid("scale \(channel) is \(scale), not a finite positive number")
    }
    let range = zeroPointRange(type)
    for (channel, zeroPoint) in zeroPoints.enumerated() where !range.contains(zeroPoint) {
      throw invalid("zero point \(channel) is \(zeroPoint), outside \(range.lowerBound)…\(range.upperBound)")
    }
    guard dimension >= 0, dimension < max(shape.count, 1) else {
      throw invalid("quantized dimension \(dimension) is outside shape \(Self.describe(shape))")
    }
    if scales.count > 1, shape.isEmpty || shape[dimension] != scales.count {
      throw invalid(
        "\(scales.count) per-channel scales, but dimension \(dimension) of shape \(Self.describe(shape)) has "
          + "\(shape.isEmpty ? 1 : shape[dimension]) entries")
    }
    return Quantization(scales: scales, zeroPoints: zeroPoints.map { Int32($0) }, dimension: dimension)
  }

  /// Scales, zero points and quantized dimension from the QuantizationParameters table, or nil when it has
  /// no scales.
  private func quantizationParameters(
    of table: FlatTable, _ what: String, invalid: (String) -> ModelError
  ) throws(ModelError) -> (scales: [Float], zeroPoints: [Int64], dimension: Int)? {
    guard let parameters = try table.table(Schema.Tensor.quantization, what) else { return nil }
    if try parameters.uint8(Schema.QuantizationParameters.detailsType, "\(what) details") != 0 {
      throw invalid("custom quantization details are not supported")
    }
    guard let scales = try parameters.vector(Schema.QuantizationParameters.scale, elementSize: 4, "\(what) scales"),
      scales.count > 0
    else { return nil }
    guard
      let zeroPoints = try parameters.vector(
        Schema.QuantizationParameters.zeroPoint, elementSize: 8, "\(what) zero points")
    else { throw invalid("\(scales.count) scales but no zero points") }
    guard zeroPoints.count == scales.count else {
      throw invalid("\(scales.count) scales but \(zeroPoints.count) zero points")
    }
    let dimension = try parameters.int32(Schema.QuantizationParameters.quantizedDimension, "\(what) dimension")
    return (
      scales.map { Float(bitPattern: buffer.uint32(at: $0)) },
      zeroPoints.map { Int64(bitPattern: buffer.uint64(at: $0)) },
      Int(dimension)
    )
  }

  /// Zero points a tensor of `type` can hold; other types (int32 biases) only need to fit `Int32`.
  private func zeroPointRange(_ type: ElementType) -> ClosedRange<Int64> {
    switch type {
    case .int8: -128...127
    case .uint8: 0...255
    case .int16: -32768...32767
    default: Int64(Int32.min)...Int64(Int32.max)
    }
  }
}

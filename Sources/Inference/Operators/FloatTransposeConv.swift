/// TRANSPOSE_CONV on float32 tensors with float32 weights (MONAI's U-Nets keep their up-convolutions in float
/// islands). Inputs are the output shape (constant int32), the OHWI filter, the NHWC input and an optional bias.
/// As the reference (`reference_ops::TransposeConv`), every input pixel scatters `input × filter` onto the
/// zeroed output, in input order (row, column, input channel, then filter row, column, output channel), then the
/// bias is added and the fused activation's clamp applied; the same order of additions gives the same floats.
struct FloatTransposeConvPlan: Sendable {
  var geometry: TransposeConvGeometry
  /// The filter with output channels innermost, [filterHeight][filterWidth][inputChannels][outputChannels], so
  /// that one input value times a tap's weights is a contiguous row (stored OHWI).
  var weights: [Float]
  /// One per output channel; zeros without a bias input.
  var bias: [Float]
  var hasBias: Bool
  var range: FloatRange

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 3...4, outputs: 1)
    guard case .transposeConv(let options) = context.op.options else {
      throw context.invalid("missing TransposeConvOptions")
    }
    let filter = try context.input(1)
    try context.expectFloat(try context.input(2), "input")
    try context.expectFloat(try context.output(0), "output")
    geometry = try TransposeConvGeometry(context, options: options)
    let stored = try context.constantFloats(filter, "filter")
    let (taps, outputChannels) = (stored.count / geometry.outputChannels, geometry.outputChannels)
    weights = (0..<stored.count).map { i in stored[i % outputChannels * taps + i / outputChannels] }
    if let biasTensor = try context.optionalInput(3) {
      bias = try context.constantFloats(biasTensor, "bias")
      guard bias.count == geometry.outputChannels else {
        throw context.invalid("bias has \(bias.count) values for \(geometry.outputChannels) output channels")
      }
      hasBias = true
    } else {
      bias = [Float](repeating: 0, count: geometry.outputChannels)
      hasBias = false
    }
    range = try context.floatActivationRange(options.activation)
  }

  var macs: Int { geometry.macs }
}

/// CONV_2D, int8: NHWC input, OHWI filter, per-channel or per-tensor symmetric weights, int32 bias.
struct Conv2DPlan: Sendable {
  var geometry: WindowGeometry
  /// The filter as stored, int8 bytes inside the model's bytes (read by the reference kernel): [outputChannels][filterHeight][filterWidth][inputChannels].
  var weights: ArraySlice<UInt8>
  var inputOffset: Int32
  var stage: OutputStage
  /// Weights repacked for the fast kernels, with the input zero point folded into the bias.
  var packed: PackedGEMMWeights

  var macs: Int { geometry.macs(filterDepth: geometry.inputChannels) }

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...3, outputs: 1)
    guard case .conv2D(let options) = context.op.options else { throw context.invalid("missing Conv2DOptions") }
    let input = try context.input(0)
    let filter = try context.input(1)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
    try context.expectRank(filter, 4, "filter")
    try context.expectRank(input, 4, "input")
    guard filter.shape[3] == input.shape[3] else {
      throw context.invalid(
        "filter depth \(filter.shape[3]) differs from input depth \(input.shape[3]) (a grouped convolution is"
          + " supported with one input channel per group only)")
    }
    geometry = try context.windowGeometry(
      input: input, output: output, outputChannels: filter.shape[0], filterHeight: filter.shape[1],
      filterWidth: filter.shape[2], strideHeight: options.strideHeight, strideWidth: options.strideWidth,
      dilationHeight: options.dilationHeight, dilationWidth: options.dilationWidth, padding: options.padding)
    let depth = filter.shape[1] * filter.shape[2] * filter.shape[3]
    guard depth <= 1 << 16 else { throw context.invalid("\(depth) products per output overflow the int32 accumulator") }
    weights = try context.constantInt8(filter, "filter")
    inputOffset = -inputQ.zeroPoint
    stage = try context.outputStage(
      input: inputQ, filter: filter, bias: try context.optionalInput(2), output: outputQ,
      channels: filter.shape[0], dimension: 0, activation: options.activation)
    packed = PackedGEMMWeights(
      weights: weights, rows: filter.shape[0], depth: depth, stage: stage, inputZeroPoint: inputQ.zeroPoint)
  }
}

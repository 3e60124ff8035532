/// DEPTHWISE_CONV_2D, int8: NHWC input, [1, H, W, inputChannels * depthMultiplier] filter.
struct DepthwiseConv2DPlan: Sendable {
  var geometry: WindowGeometry
  var depthMultiplier: Int
  /// The filter as stored, int8 bytes inside the model's bytes (read by the reference kernel): [filterHeight][filterWidth][outputChannels].
  var weights: ArraySlice<UInt8>
  var inputOffset: Int32
  var stage: OutputStage
  /// Weights packed for the vector kernel, with the input zero point folded into the bias.
  var packed: DepthwiseC16Weights
  /// With a depth multiplier m > 1: the geometry of the input with each channel repeated m times, on which the
  /// vector kernel runs.
  var expandedGeometry: WindowGeometry

  var macs: Int {
    geometry.batches * geometry.outputHeight * geometry.outputWidth * geometry.outputChannels
      * geometry.filterHeight * geometry.filterWidth
  }

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...3, outputs: 1)
    guard case .depthwiseConv2D(let options) = context.op.options else {
      throw context.invalid("missing DepthwiseConv2DOptions")
    }
    let input = try context.input(0)
    let filter = try context.input(1)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
    try context.expectRank(filter, 4, "filter")
    try context.expectRank(input, 4, "input")
    let channels = filter.shape[3]
    // Some converters write a depth multiplier of 0 or a stale one; TFLite derives it from the shapes.
    guard filter.shape[0] == 1, channels % input.shape[3] == 0 else {
      throw context.invalid("filter \(shapeText(filter.shape)) does not fit input depth \(input.shape[3])")
    }
    depthMultiplier = channels / input.shape[3]
    geometry = try context.windowGeometry(
      input: input, output: output, outputChannels: channels, filterHeight: filter.shape[1],
      filterWidth: filter.shape[2], strideHeight: options.strideHeight, strideWidth: options.strideWidth,
      dilationHeight: options.dilationHeight, dilationWidth: options.dilationWidth, padding: options.padding)
    weights = try context.constantInt8(filter, "filter")
    inputOffset = -inputQ.zeroPoint
    stage = try context.outputStage(
      input: inputQ, filter: filter, bias: try context.optionalInput(2), output: outputQ, channels: channels,
      dimension: 3, activation: options.activation)
    var folded = stage.bias
    for (i, w) in weights.enumerated() { folded[i % channels] &-= inputQ.zeroPoint &* Int32(Int8(bitPattern: w)) }
    packed = DepthwiseC16Weights(
      weights: weights, channels: channels, geometry: geometry, foldedBias: folded, stage: stage,
      inputZeroPoint: inputQ.zeroPoint)
    expandedGeometry = geometry
    expandedGeometry.inputChannels = channels
  }
}

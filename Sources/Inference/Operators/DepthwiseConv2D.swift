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
  /// The geometry the vector kernel runs on: `geometry` with each input channel repeated m times for a depth
  /// multiplier m > 1, and when `padsInput`, the input grown by its padding (then no window reaches outside).
  var preparedGeometry: WindowGeometry
  /// Whether `eval` copies the input into scratch with its padding written around it, at the input zero point:
  /// with fewer channels than a vector, the border pixels' per-pixel tap pointers cost more than the copy
  /// (a 12×12 image of 8 channels, 3×3 dilation 2: a third of the pixels are border pixels).
  var padsInput: Bool

  var macs: Int { geometry.macs(filterDepth: 1) }

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...3, outputs: 1)
    guard case .depthwiseConv2D(let options) = context.op.options else {
      throw context.invalid("missing DepthwiseConv2DOptions")
    }
    try context.expectDepthwiseFilter()
    let filter = try context.input(1)
    try self.init(
      context, options: options, filterHeight: filter.shape[1], filterWidth: filter.shape[2],
      channels: filter.shape[3], weights: try context.constantInt8(filter, "filter"), quantizedDimension: 3)
  }

  /// Whether operator `context` is a CONV_2D with one input channel per group (filter depth 1 on a deeper
  /// input), which `init(groupedConvolution:)` runs.
  static func isGroupedConvolution(_ context: OperatorContext) -> Bool {
    guard let input = try? context.input(0), let filter = try? context.input(1) else { return false }
    return input.shape.count == 4 && filter.shape.count == 4 && filter.shape[3] == 1 && input.shape[3] > 1
  }

  /// CONV_2D with one input channel per group: filter [outputChannels, H, W, 1] on an input of G channels (G
  /// groups, as ConvNeXt's 7×7 `Conv2D(groups=channels)`). Output channel `oc` reads input channel
  /// `oc / (outputChannels / G)` only, the sum a depthwise convolution with depth multiplier outputChannels / G
  /// computes (int32 sums, so the order does not matter), so it runs as one on its filter transposed to
  /// [1, H, W, outputChannels]; the weights stay quantized along their output channels.
  init(groupedConvolution context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...3, outputs: 1)
    guard case .conv2D(let options) = context.op.options else { throw context.invalid("missing Conv2DOptions") }
    let input = try context.input(0)
    let filter = try context.input(1)
    let channels = filter.shape[0]
    guard channels % input.shape[3] == 0 else {
      throw context.invalid("\(channels) filters cannot be split into \(input.shape[3]) groups")
    }
    let stored = try context.constantInt8(filter, "filter")
    let taps = filter.shape[1] * filter.shape[2]
    var transposed = [UInt8](repeating: 0, count: stored.count)
    for (i, weight) in stored.enumerated() { transposed[(i % taps) * channels + i / taps] = weight }
    let depthwise = DepthwiseConv2DOptions(
      padding: options.padding, strideWidth: options.strideWidth, strideHeight: options.strideHeight,
      depthMultiplier: channels / input.shape[3], dilationWidth: options.dilationWidth,
      dilationHeight: options.dilationHeight, activation: options.activation)
    try self.init(
      context, options: depthwise, filterHeight: filter.shape[1], filterWidth: filter.shape[2], channels: channels,
      weights: transposed[...], quantizedDimension: 0)
  }

  /// The plan of a depthwise convolution whose `weights` are [filterHeight][filterWidth][channels], their
  /// per-channel scales along the filter tensor's `quantizedDimension`.
  private init(
    _ context: OperatorContext, options: DepthwiseConv2DOptions, filterHeight: Int, filterWidth: Int, channels: Int,
    weights: ArraySlice<UInt8>, quantizedDimension: Int
  ) throws(ModelError) {
    let input = try context.input(0)
    let filter = try context.input(1)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
    depthMultiplier = channels / input.shape[3]
    geometry = try context.windowGeometry(
      input: input, output: output, outputChannels: channels, filterHeight: filterHeight,
      filterWidth: filterWidth, strideHeight: options.strideHeight, strideWidth: options.strideWidth,
      dilationHeight: options.dilationHeight, dilationWidth: options.dilationWidth, padding: options.padding)
    self.weights = weights
    inputOffset = -inputQ.zeroPoint
    stage = try context.outputStage(
      input: inputQ, filter: filter, bias: try context.optionalInput(2), output: outputQ, channels: channels,
      dimension: quantizedDimension, activation: options.activation)
    var folded = stage.bias
    for (i, w) in weights.enumerated() { folded[i % channels] &-= inputQ.zeroPoint &* Int32(Int8(bitPattern: w)) }
    var prepared = geometry
    prepared.inputChannels = channels
    let g = geometry
    let height = max(
      g.inputHeight + g.padTop, (g.outputHeight - 1) * g.strideHeight + (g.filterHeight - 1) * g.dilationHeight + 1)
    let width = max(
      g.inputWidth + g.padLeft, (g.outputWidth - 1) * g.strideWidth + (g.filterWidth - 1) * g.dilationWidth + 1)
    padsInput =
      channels < DepthwiseC16Weights.lanes && !g.isUnpadded
      && g.batches * height * width * channels <= Self.paddedInputBytes
    if padsInput {
      (prepared.inputHeight, prepared.inputWidth, prepared.padTop, prepared.padLeft) = (height, width, 0, 0)
    }
    preparedGeometry = prepared
    packed = DepthwiseC16Weights(
      weights: weights, channels: channels, geometry: prepared, foldedBias: folded, stage: stage,
      inputZeroPoint: inputQ.zeroPoint)
  }

  /// The largest padded input `padsInput` copies, in bytes.
  static let paddedInputBytes = 65536
}

extension OperatorContext {
  /// Checks a DEPTHWISE_CONV_2D's rank-4 input and [1, H, W, inputChannels × multiplier] filter. Some converters
  /// write a depth multiplier of 0 or a stale one; TFLite derives it from the shapes, and so do the plans.
  func expectDepthwiseFilter() throws(ModelError) {
    let input = try self.input(0)
    let filter = try self.input(1)
    try expectRank(filter, 4, "filter")
    try expectRank(input, 4, "input")
    guard filter.shape[0] == 1, filter.shape[3] % input.shape[3] == 0 else {
      throw invalid("filter \(shapeText(filter.shape)) does not fit input depth \(input.shape[3])")
    }
  }
}

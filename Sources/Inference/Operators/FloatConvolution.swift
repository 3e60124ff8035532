/// CONV_2D and DEPTHWISE_CONV_2D on float32 tensors with float32 weights and bias (PyTorch's PT2E quantizer can
/// leave convolutions in float islands). Per output, as the reference (`reference_ops::Conv` and
/// `DepthwiseConv`): the products summed from 0 over filter rows, filter columns and input channels, skipping the
/// taps outside the input, then the bias added (0 without one) and the fused activation's clamp. A depthwise
/// convolution is the grouped convolution with one input channel per group, summed in the same order, and a
/// FULLY_CONNECTED the 1×1 convolution of its input rows (the reference's float `FullyConnected` sums each
/// output's products in depth order too, then adds the bias and clamps).
struct FloatConvolutionPlan: Sendable {
  var geometry: WindowGeometry
  /// Input channels each output reads: the filter's depth (1 for a depthwise convolution).
  var filterDepth: Int
  var inputs: Inputs
  /// Output channels rounded up to a multiple of 8, the vectors' width.
  var paddedChannels: Int
  /// [filterHeight][filterWidth][filterDepth][paddedChannels], zeros past the output channels, so that one
  /// tap's weights for 8 output channels are one vector.
  var weights: [Float]
  /// [paddedChannels]; zeros without a bias input and past the output channels.
  var bias: [Float]
  /// With `.grouped`: per output channel (zeros past them), the first input channel of its group.
  var groupStarts: [Int]
  var range: FloatRange
  /// Whether `eval` runs tiles of 4 output pixels on their windows, padding taps as zeros: with `.shared`
  /// inputs and finite weights (see `evalTile`).
  var tilesWindows: Bool

  /// Which input channels an output channel reads.
  enum Inputs: Sendable {
    /// One group: every output channel reads input channels `0..<filterDepth`.
    case shared
    /// Output channel `c` reads input channel `c` (a depthwise convolution with depth multiplier 1).
    case matching
    /// Output channel `c` reads input channels `groupStarts[c]..<groupStarts[c] + filterDepth`.
    case grouped
  }

  var macs: Int { geometry.macs(filterDepth: filterDepth) }

  /// CONV_2D: OHWI filter, its depth dividing the input's (groups of input channels, as the reference allows).
  init(conv context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...3, outputs: 1)
    guard case .conv2D(let options) = context.op.options else { throw context.invalid("missing Conv2DOptions") }
    let input = try context.input(0)
    let filter = try context.input(1)
    try context.expectRank(input, 4, "input")
    try context.expectRank(filter, 4, "filter")
    let (channels, depth) = (filter.shape[0], filter.shape[3])
    guard input.shape[3] % depth == 0, channels % (input.shape[3] / depth) == 0 else {
      throw context.invalid("filter \(shapeText(filter.shape)) does not fit input depth \(input.shape[3])")
    }
    let stored = try context.constantFloats(filter, "filter")
    let taps = filter.shape[1] * filter.shape[2] * depth
    let geometry = try context.windowGeometry(
      input: input, output: try context.output(0), outputChannels: channels, filterHeight: filter.shape[1],
      filterWidth: filter.shape[2], strideHeight: options.strideHeight, strideWidth: options.strideWidth,
      dilationHeight: options.dilationHeight, dilationWidth: options.dilationWidth, padding: options.padding)
    try self.init(
      context, geometry, filterDepth: depth, groups: input.shape[3] / depth, activation: options.activation
    ) { tap, channel in stored[channel * taps + tap] }
  }

  /// DEPTHWISE_CONV_2D: [1, H, W, inputChannels × depthMultiplier] filter (`expectDepthwiseFilter`).
  init(depthwise context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...3, outputs: 1)
    guard case .depthwiseConv2D(let options) = context.op.options else {
      throw context.invalid("missing DepthwiseConv2DOptions")
    }
    try context.expectDepthwiseFilter()
    let input = try context.input(0)
    let filter = try context.input(1)
    let channels = filter.shape[3]
    let stored = try context.constantFloats(filter, "filter")
    let geometry = try context.windowGeometry(
      input: input, output: try context.output(0), outputChannels: channels, filterHeight: filter.shape[1],
      filterWidth: filter.shape[2], strideHeight: options.strideHeight, strideWidth: options.strideWidth,
      dilationHeight: options.dilationHeight, dilationWidth: options.dilationWidth, padding: options.padding)
    try self.init(context, geometry, filterDepth: 1, groups: input.shape[3], activation: options.activation) {
      tap, channel in stored[tap * channels + channel]
    }
  }

  /// FULLY_CONNECTED: a [units, depth] filter applied to each input row of `depth` values, as a 1×1 convolution
  /// of `rows` pixels of `depth` channels.
  init(fullyConnected context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...3, outputs: 1)
    guard case .fullyConnected(let options) = context.op.options else {
      throw context.invalid("missing FullyConnectedOptions")
    }
    let filter = try context.input(1)
    let (rows, depth, units) = try context.fullyConnectedGeometry(
      input: try context.input(0), filter: filter, output: try context.output(0))
    let stored = try context.constantFloats(filter, "filter")
    let geometry = WindowGeometry(
      input: [rows, 1, 1, depth], outputChannels: units, filterHeight: 1, filterWidth: 1, strideHeight: 1,
      strideWidth: 1, padding: .valid)
    try self.init(context, geometry, filterDepth: depth, groups: 1, activation: options.activation) {
      tap, unit in stored[unit * depth + tap]
    }
  }

  /// The plan of `geometry.outputChannels` outputs in `groups` groups, `weight(tap, channel)` giving the filter
  /// value of tap `(filterY × filterWidth + filterX) × filterDepth + inputChannel` of output `channel`.
  private init(
    _ context: OperatorContext, _ geometry: WindowGeometry, filterDepth: Int, groups: Int,
    activation: FusedActivation, weight: (Int, Int) -> Float
  ) throws(ModelError) {
    try context.expectFloat(try context.output(0), "output")
    self.geometry = geometry
    let (channels, filterHeight, filterWidth) = (geometry.outputChannels, geometry.filterHeight, geometry.filterWidth)
    self.filterDepth = filterDepth
    paddedChannels = (channels + 7) / 8 * 8
    let padded = paddedChannels
    weights = (0..<filterHeight * filterWidth * filterDepth * padded).map { i in
      i % padded < channels ? weight(i / padded, i % padded) : 0
    }
    bias = [Float](repeating: 0, count: padded)
    if let biasTensor = try context.optionalInput(2) {
      let values = try context.constantFloats(biasTensor, "bias")
      guard values.count == channels else {
        throw context.invalid("bias has \(values.count) values for \(channels) output channels")
      }
      bias.replaceSubrange(0..<channels, with: values)
    }
    let perGroup = channels / groups
    inputs = groups == 1 ? .shared : perGroup == 1 && filterDepth == 1 ? .matching : .grouped
    groupStarts = (0..<padded).map { c in c < channels ? c / perGroup * filterDepth : 0 }
    range = try context.floatActivationRange(activation)
    tilesWindows = inputs == .shared && weights.allSatisfy { $0.isFinite }
  }
}

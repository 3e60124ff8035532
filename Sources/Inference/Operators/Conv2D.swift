/// CONV_2D, int8: NHWC input, OHWI filter, per-channel or per-tensor symmetric weights, int32 bias. A filter
/// shallower than the input is a grouped convolution (ResNeXt, RegNet); one input channel per group runs as a
/// depthwise convolution (`DepthwiseConv2DPlan(groupedConvolution:)`), several as a dense one (`blockDiagonal`).
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
    let (filterDepth, inputDepth, filters) = (filter.shape[3], input.shape[3], filter.shape[0])
    guard filterDepth > 0, inputDepth % filterDepth == 0, filters % (inputDepth / filterDepth) == 0 else {
      throw context.invalid(
        "filter depth \(filterDepth) does not split input depth \(inputDepth) and \(filters) filters into groups")
    }
    geometry = try context.windowGeometry(
      input: input, output: output, outputChannels: filter.shape[0], filterHeight: filter.shape[1],
      filterWidth: filter.shape[2], strideHeight: options.strideHeight, strideWidth: options.strideWidth,
      dilationHeight: options.dilationHeight, dilationWidth: options.dilationWidth, padding: options.padding)
    let depth = filter.shape[1] * filter.shape[2] * inputDepth
    guard depth <= 1 << 16 else { throw context.invalid("\(depth) products per output overflow the int32 accumulator") }
    let stored = try context.constantInt8(filter, "filter")
    weights =
      filterDepth == inputDepth
      ? stored : Self.blockDiagonal(stored, filters: filters, inputDepth: inputDepth, filterDepth: filterDepth)
    inputOffset = -inputQ.zeroPoint
    stage = try context.outputStage(
      input: inputQ, filter: filter, bias: try context.optionalInput(2), output: outputQ,
      channels: filter.shape[0], dimension: 0, activation: options.activation)
    packed = PackedGEMMWeights(
      weights: weights, rows: filter.shape[0], depth: depth, stage: stage, inputZeroPoint: inputQ.zeroPoint)
  }

  /// A grouped convolution's filter ([filters][H][W][filterDepth], filter `f` reading input channels
  /// `group(f) * filterDepth ..< (group(f) + 1) * filterDepth`) as a dense one over all `inputDepth` channels,
  /// zero outside its group. The int32 sums are the reference's (`groups = inputDepth / filterDepth`), so the
  /// dense kernels compute it exactly, at `groups` times the multiplications.
  static func blockDiagonal(
    _ stored: ArraySlice<UInt8>, filters: Int, inputDepth: Int, filterDepth: Int
  ) -> ArraySlice<UInt8> {
    let perGroup = filters / (inputDepth / filterDepth)
    let taps = stored.count / (filters * filterDepth)
    var dense = [UInt8](repeating: 0, count: filters * taps * inputDepth)
    for filter in 0..<filters {
      let offset = filter / perGroup * filterDepth
      for tap in 0..<taps {
        let from = stored.startIndex + (filter * taps + tap) * filterDepth
        let to = (filter * taps + tap) * inputDepth + offset
        dense[to..<to + filterDepth] = stored[from..<from + filterDepth]
      }
    }
    return dense[...]
  }
}

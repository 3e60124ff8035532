/// TRANSPOSE_CONV, int8: inputs are the output shape (constant int32), the OHWI filter (per-channel or
/// per-tensor symmetric), the NHWC input and an optional int32 bias. As the reference
/// (`reference_integer_ops::TransposeConv`) does, every input pixel scatters `(input - inputZeroPoint) ×
/// filter` into an int32 accumulator per output element (in scratch), then bias, the channel's multiplier
/// and the fused activation's clamp give the output. Padding is the forward convolution's from the output
/// back to the input (`ComputePaddingHeightWidth` on the output size), its odd pixel at the bottom/right.
///
/// The fast kernel is a GEMM to columns with the col2im accumulation fused: the filter is packed as GEMM
/// weights with one row per (tap, output channel), each tap's channels padded to a multiple of 16 (zero
/// weights), so a 16-row block is 16 channels of one tap and its int32 sums for a tile of 4 input pixels add
/// straight onto the accumulators of the output pixels that tap reaches.
struct TransposeConvPlan: Sendable {
  var batches, inputHeight, inputWidth, inputChannels: Int
  var outputHeight, outputWidth, outputChannels: Int
  var filterHeight, filterWidth: Int
  var strideHeight, strideWidth: Int
  var padTop, padLeft: Int
  /// The filter as stored: [outputChannels][filterHeight][filterWidth][inputChannels].
  var weights: [Int8]
  var inputZeroPoint: Int32
  var stage: OutputStage
  /// The filter as GEMM weights: rows `(tap * channelBlocks + block) * 16 + lane`, depth `inputChannels`; no
  /// bias but the folded zero point, so sums are `sum (input - inputZeroPoint) * weight`.
  var packed: PackedGEMMWeights
  /// Blocks of 16 output channels per tap.
  var channelBlocks: Int
  /// `stage` for 16 channels at a time, and its bias padded with zeros to whole blocks.
  var requantization: VectorOutputStage
  var paddedBias: [Int32]

  /// Where the int32 accumulators start in scratch, after the GEMM's own scratch.
  var accumulatorOffset: Int { (packed.scratchBytes + 63) / 64 * 64 }
  /// The GEMM's scratch and the int32 accumulators of one batch's output, with one block's slack: the last
  /// pixel's partial block is loaded whole.
  var scratchBytes: Int { accumulatorOffset + (outputHeight * outputWidth * outputChannels + 16) * 4 }
  var macs: Int { batches * inputHeight * inputWidth * inputChannels * filterHeight * filterWidth * outputChannels }

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 3...4, outputs: 1)
    guard case .transposeConv(let options) = context.op.options else {
      throw context.invalid("missing TransposeConvOptions")
    }
    let outputShape = try context.input(0)
    let filter = try context.input(1)
    let input = try context.input(2)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
    try context.expectRank(input, 4, "input")
    try context.expectRank(filter, 4, "filter")
    try context.expectRank(output, 4, "output")
    guard outputShape.type == .int32, try context.constantInts(outputShape, "output shape") == output.shape else {
      throw context.invalid("output shape tensor must be constant int32 \(shapeText(output.shape))")
    }
    guard filter.shape[3] == input.shape[3], filter.shape[0] == output.shape[3], input.shape[0] == output.shape[0]
    else {
      throw context.invalid(
        "filter \(shapeText(filter.shape)) does not map input \(shapeText(input.shape)) to \(shapeText(output.shape))")
    }
    guard options.strideHeight <= 1024, options.strideWidth <= 1024 else {
      throw context.invalid("strides \(options.strideHeight)x\(options.strideWidth) are too large")
    }
    batches = input.shape[0]
    inputHeight = input.shape[1]
    inputWidth = input.shape[2]
    inputChannels = input.shape[3]
    outputHeight = output.shape[1]
    outputWidth = output.shape[2]
    outputChannels = output.shape[3]
    filterHeight = filter.shape[1]
    filterWidth = filter.shape[2]
    strideHeight = options.strideHeight
    strideWidth = options.strideWidth
    let forward = WindowGeometry(
      input: output.shape, outputChannels: inputChannels, filterHeight: filterHeight, filterWidth: filterWidth,
      strideHeight: strideHeight, strideWidth: strideWidth, padding: options.padding)
    padTop = forward.padTop
    padLeft = forward.padLeft
    let products =
      (filterHeight + strideHeight - 1) / strideHeight * ((filterWidth + strideWidth - 1) / strideWidth)
      * inputChannels
    guard products <= 1 << 16 else {
      throw context.invalid("\(products) products per output overflow the int32 accumulator")
    }
    let bytes = try context.constantInt8(filter, "filter")
    weights = bytes.map { Int8(bitPattern: $0) }
    inputZeroPoint = inputQ.zeroPoint
    channelBlocks = (outputChannels + 15) / 16
    let taps = filterHeight * filterWidth
    let rows = taps * channelBlocks * 16
    var columns = [UInt8](repeating: 0, count: rows * inputChannels)
    for tap in 0..<taps {
      for oc in 0..<outputChannels {
        let row = tap * channelBlocks * 16 + oc
        let source = bytes.startIndex + (oc * taps + tap) * inputChannels
        for ic in 0..<inputChannels { columns[row * inputChannels + ic] = bytes[source + ic] }
      }
    }
    packed = PackedGEMMWeights(
      weights: columns[...], rows: rows, depth: inputChannels,
      stage: OutputStage(
        multipliers: [], bias: [Int32](repeating: 0, count: rows), outputOffset: 0, minimum: -128, maximum: 127),
      inputZeroPoint: inputZeroPoint)
    stage = try context.outputStage(
      input: inputQ, filter: filter, bias: try context.optionalInput(3), output: outputQ,
      channels: outputChannels, dimension: 0, activation: options.activation)
    requantization = VectorOutputStage(stage)
    paddedBias = stage.bias + [Int32](repeating: 0, count: channelBlocks * 16 - outputChannels)
  }
}

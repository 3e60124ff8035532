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
  var geometry: TransposeConvGeometry
  /// The filter as stored: [geometry.outputChannels][geometry.filterHeight][geometry.filterWidth][geometry.inputChannels].
  var weights: [Int8]
  var inputZeroPoint: Int32
  var stage: OutputStage
  /// The filter as GEMM weights: rows `(tap * channelBlocks + block) * 16 + lane`, depth `geometry.inputChannels`; no
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
  var scratchBytes: Int {
    accumulatorOffset + (geometry.outputHeight * geometry.outputWidth * geometry.outputChannels + 16) * 4
  }
  var macs: Int { geometry.macs }

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 3...4, outputs: 1)
    guard case .transposeConv(let options) = context.op.options else {
      throw context.invalid("missing TransposeConvOptions")
    }
    let filter = try context.input(1)
    let inputQ = try context.int8Parameters(try context.input(2), "input")
    let outputQ = try context.int8Parameters(try context.output(0), "output")
    geometry = try TransposeConvGeometry(context, options: options)
    let products =
      (geometry.filterHeight + geometry.strideHeight - 1) / geometry.strideHeight
      * ((geometry.filterWidth + geometry.strideWidth - 1) / geometry.strideWidth)
      * geometry.inputChannels
    guard products <= 1 << 16 else {
      throw context.invalid("\(products) products per output overflow the int32 accumulator")
    }
    let bytes = try context.constantInt8(filter, "filter")
    weights = bytes.map { Int8(bitPattern: $0) }
    inputZeroPoint = inputQ.zeroPoint
    channelBlocks = (geometry.outputChannels + 15) / 16
    let taps = geometry.filterHeight * geometry.filterWidth
    let rows = taps * channelBlocks * 16
    var columns = [UInt8](repeating: 0, count: rows * geometry.inputChannels)
    for tap in 0..<taps {
      for oc in 0..<geometry.outputChannels {
        let row = tap * channelBlocks * 16 + oc
        let source = bytes.startIndex + (oc * taps + tap) * geometry.inputChannels
        for ic in 0..<geometry.inputChannels { columns[row * geometry.inputChannels + ic] = bytes[source + ic] }
      }
    }
    packed = PackedGEMMWeights(
      weights: columns[...], rows: rows, depth: geometry.inputChannels,
      stage: OutputStage(
        multipliers: [], bias: [Int32](repeating: 0, count: rows), outputOffset: 0, minimum: -128, maximum: 127),
      inputZeroPoint: inputZeroPoint)
    stage = try context.outputStage(
      input: inputQ, filter: filter, bias: try context.optionalInput(3), output: outputQ,
      channels: geometry.outputChannels, dimension: 0, activation: options.activation)
    requantization = VectorOutputStage(stage)
    paddedBias = stage.bias + [Int32](repeating: 0, count: channelBlocks * 16 - geometry.outputChannels)
  }
}

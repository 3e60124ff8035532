/// TRANSPOSE_CONV's shapes, strides and padding, checked at prepare for both the int8 and the float32 plan.
/// Inputs are the output shape (constant int32), the OHWI filter and the NHWC input. Padding is the forward
/// convolution's from the output back to the input (`ComputePaddingHeightWidth` on the output size), its odd
/// pixel at the bottom/right.
struct TransposeConvGeometry: Sendable {
  var batches, inputHeight, inputWidth, inputChannels: Int
  var outputHeight, outputWidth, outputChannels: Int
  var filterHeight, filterWidth: Int
  var strideHeight, strideWidth: Int
  var padTop, padLeft: Int

  var macs: Int { batches * inputHeight * inputWidth * inputChannels * filterHeight * filterWidth * outputChannels }

  init(_ context: OperatorContext, options: TransposeConvOptions) throws(ModelError) {
    let outputShape = try context.input(0)
    let filter = try context.input(1)
    let input = try context.input(2)
    let output = try context.output(0)
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
  }
}

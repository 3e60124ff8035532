/// AVERAGE_POOL_2D and MAX_POOL_2D, int8; input and output share quantization, as TFLite requires.
struct Pool2DPlan: Sendable {
  enum Kind: Sendable { case average, max }
  var kind: Kind
  var geometry: WindowGeometry
  var minimum: Int32
  var maximum: Int32

  init(_ context: OperatorContext, kind: Kind) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    guard case .pool2D(let options) = context.op.options else { throw context.invalid("missing Pool2DOptions") }
    let input = try context.input(0)
    let output = try context.output(0)
    try context.expectSameQuantization(input, output)
    self.kind = kind
    geometry = try context.poolGeometry(options, input: input, output: output)
    let range = try context.activation(options.activation, output: try context.int8Parameters(output, "output"))
    minimum = range.lowerBound
    maximum = range.upperBound
  }
}

extension OperatorContext {
  /// A pool's geometry (depth preserved), refusing padding that leaves a window without input pixels (TFLite
  /// fails at run time then; edgediag refuses the model at load).
  func poolGeometry(_ options: Pool2DOptions, input: Tensor, output: Tensor) throws(ModelError) -> WindowGeometry {
    try expectRank(input, 4, "input")
    let geometry = try windowGeometry(
      input: input, output: output, outputChannels: input.shape[3], filterHeight: options.filterHeight,
      filterWidth: options.filterWidth, strideHeight: options.strideHeight, strideWidth: options.strideWidth,
      padding: options.padding)
    guard geometry.padTop < geometry.filterHeight, geometry.padLeft < geometry.filterWidth else {
      throw invalid("padding leaves windows without input pixels")
    }
    return geometry
  }
}

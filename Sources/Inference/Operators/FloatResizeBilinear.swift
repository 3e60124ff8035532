/// RESIZE_BILINEAR on float32 tensors, as the reference's float `ResizeBilinear`: per output row (and column),
/// the input position, the input rows below and above it and their weights `1 - (position - lower)` and
/// `position - lower`, computed once at prepare; each output is `a·wy0·wx0 + b·wy1·wx0 + c·wy0·wx1 + d·wy1·wx1`,
/// evaluated left to right as the reference's expression.
struct FloatResizeBilinearPlan: Sendable {
  var batches, inputHeight, inputWidth, depth: Int
  /// Per output row: the two input rows (element offsets) and their weights.
  var rows: [Sample]
  /// Per output column: the two input columns (element offsets) and their weights.
  var columns: [Sample]

  struct Sample: Sendable {
    var lower, upper: Int
    var lowerWeight, upperWeight: Float
  }

  init(_ context: OperatorContext) throws(ModelError) {
    let g = try ResizeGeometry(context)
    (batches, inputHeight, inputWidth, depth) = (g.batches, g.inputHeight, g.inputWidth, g.depth)
    func samples(input: Int, output: Int, stride: Int) -> [Sample] {
      g.interpolation(input: input, output: output).map { lower, upper, position in
        let upperWeight = position - Float(lower)
        return Sample(
          lower: lower * stride, upper: upper * stride, lowerWeight: 1 - upperWeight, upperWeight: upperWeight)
      }
    }
    rows = samples(input: g.inputHeight, output: g.outputHeight, stride: g.inputWidth * g.depth)
    columns = samples(input: g.inputWidth, output: g.outputWidth, stride: g.depth)
  }
}

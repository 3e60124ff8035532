/// MEAN over constant axes, float32: each output sums its elements from 0 in input order, then divides by
/// their count (the reference's `Mean` with a float accumulator).
struct FloatMeanPlan: Sendable {
  var geometry: ReductionGeometry
  var divisor: Float

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    try context.expectFloat(try context.input(0), "input")
    try context.expectFloat(try context.output(0), "output")
    geometry = try ReductionGeometry(context)
    divisor = Float(geometry.reducedOffsets.count)
  }
}

/// SOFTMAX over the last axis, float32, as the reference: the row's maximum, `exp((x - max) * beta)` summed
/// from 0 in order, then each exponential divided by the sum.
struct FloatSoftmaxPlan: Sendable {
  var rows: Int
  var depth: Int
  var beta: Float

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    guard case .softmax(let beta) = context.op.options else { throw context.invalid("missing SoftmaxOptions") }
    let input = try context.input(0)
    let output = try context.output(0)
    try context.expectFloat(input, "input")
    try context.expectFloat(output, "output")
    guard let last = input.shape.last, last > 0, input.shape == output.shape else {
      throw context.invalid("input \(shapeText(input.shape)) and output \(shapeText(output.shape)) must match")
    }
    depth = last
    rows = input.elementCount / last
    self.beta = beta
  }

  /// A softmax of `rows` rows of `depth` values outside a model (`ClassProbabilities`).
  init(rows: Int, depth: Int, beta: Float) {
    (self.rows, self.depth, self.beta) = (rows, depth, beta)
  }
}

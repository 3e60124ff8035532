/// L2_NORMALIZATION over the last axis, int8 in, int8 out with scale 1/128 and zero point 0. The reference
/// (`reference_integer_ops::L2Normalization`) sums the squared offsets of a row in int32, takes the fixed-point
/// inverse square root as a multiplier (`FixedPoint.inverseSqrt`) and scales each offset by it, 2^7 larger.
struct L2NormalizationPlan: Sendable {
  var rows: Int
  var depth: Int
  var inputZeroPoint: Int32

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    guard case .l2Normalization(let activation) = context.op.options, activation == .none else {
      throw context.invalid("fused activation must be NONE")
    }
    let input = try context.input(0)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
    guard outputQ.scale == 1.0 / 128, outputQ.zeroPoint == 0 else {
      throw context.invalid("output must have scale 1/128 and zero point 0, has \(outputQ.scale), \(outputQ.zeroPoint)")
    }
    guard let last = input.shape.last, last > 0, input.shape == output.shape else {
      throw context.invalid("input \(shapeText(input.shape)) and output \(shapeText(output.shape)) must match")
    }
    guard last <= 1 << 15 else { throw context.invalid("rows of \(last) overflow the int32 sum of squares") }
    depth = last
    rows = input.elementCount / last
    inputZeroPoint = inputQ.zeroPoint
  }
}

/// AVERAGE_POOL_2D and MAX_POOL_2D on float32 tensors, as the reference's float `AveragePool` and `MaxPool`:
/// windows clipped to the input; the average is the window's sum (from 0, in row then column order) divided by
/// the number of pixels inside it, the maximum starts from the lowest float and keeps `std::max`'s first operand
/// on ties and NaN; then the fused activation's clamp.
struct FloatPool2DPlan: Sendable {
  var kind: Pool2DPlan.Kind
  var geometry: WindowGeometry
  var range: FloatRange

  init(_ context: OperatorContext, kind: Pool2DPlan.Kind) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    guard case .pool2D(let options) = context.op.options else { throw context.invalid("missing Pool2DOptions") }
    let output = try context.output(0)
    try context.expectFloat(output, "output")
    self.kind = kind
    geometry = try context.poolGeometry(options, input: try context.input(0), output: output)
    range = try context.floatActivationRange(options.activation)
  }
}

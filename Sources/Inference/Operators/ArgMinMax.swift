/// ARG_MAX and ARG_MIN over one constant axis of an int8 tensor, int32 or int64 indices out. The reference
/// (`ArgMinMax`) compares raw bytes (the scale is positive, so their order is the values' order) and keeps the
/// first index on ties.
struct ArgMinMaxPlan: Sendable {
  var isMax: Bool
  var outer: Int
  var axisSize: Int
  var inner: Int
  var outputIsInt64: Bool

  init(_ context: OperatorContext, isMax: Bool) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    guard case .argMinMax(let outputType) = context.op.options else {
      throw context.invalid("missing ArgMaxOptions or ArgMinOptions")
    }
    self.isMax = isMax
    let input = try context.input(0)
    let output = try context.output(0)
    guard input.type == .int8 else { throw context.invalid("input must be int8, is \(input.type)") }
    guard output.type == outputType else {
      throw context.invalid("output is \(output.type), its options say \(outputType)")
    }
    outputIsInt64 = outputType == .int64
    let axes = try context.constantInts(try context.input(1), "axis")
    let rank = input.shape.count
    guard axes.count == 1, let axis = axes.first, axis >= -rank, axis < rank, input.elementCount > 0 else {
      throw context.invalid("axis must be one value in -\(rank)..<\(rank) of a non-empty input")
    }
    let d = axis < 0 ? axis + rank : axis
    outer = input.shape[..<d].reduce(1, *)
    axisSize = input.shape[d]
    inner = input.shape[(d + 1)...].reduce(1, *)
    var expected = input.shape
    expected.remove(at: d)
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
  }
}

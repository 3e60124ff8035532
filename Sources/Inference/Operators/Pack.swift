/// PACK, int8 data or int32 shape tensors: `valuesCount` tensors of one shape stacked along a new `axis`. In
/// memory that is a concatenation: per step over the dimensions before the axis, each input's run of the
/// dimensions from the axis on.
extension ConcatenationPlan {
  init(packing context: OperatorContext) throws(ModelError) {
    guard case .pack(let valuesCount, let axis) = context.op.options else {
      throw context.invalid("missing PackOptions")
    }
    try context.expectCounts(inputs: 1...1024, outputs: 1)
    guard valuesCount == context.op.inputs.count else {
      throw context.invalid("values count \(valuesCount) differs from its \(context.op.inputs.count) inputs")
    }
    let first = try context.input(0)
    let output = try context.output(0)
    let resolved = try context.resolvedAxis(axis, rank: first.shape.count + 1)
    for i in 0..<valuesCount {
      let input = try context.input(i)
      guard input.shape == first.shape else {
        throw context.invalid("input \(i) shape \(shapeText(input.shape)) differs from \(shapeText(first.shape))")
      }
    }
    let width = try context.movedElementBytes(first, output)
    for i in 1..<valuesCount { _ = try context.movedElementBytes(try context.input(i), output) }
    var expected = first.shape
    expected.insert(valuesCount, at: resolved)
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
    self.init(
      outer: first.shape[..<resolved].reduce(1, *),
      inner: [Int](repeating: first.shape[resolved...].reduce(1, *) * width, count: valuesCount))
  }
}

/// SHAPE: the input's dimensions as an int32 vector. Shapes are static here (the batch is the model's declared
/// one, 1 where `shape_signature` says -1, as `shape` records it), so the values are known at prepare and the
/// operator is always evaluated at load (see `ConstantFolding`).
struct ShapePlan: Sendable {
  var dimensions: [Int32]

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    guard output.type == .int32 else { throw context.invalid("output must be int32, is \(output.type)") }
    guard output.shape == [input.shape.count] else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be [\(input.shape.count)]")
    }
    dimensions = input.shape.map { Int32($0) }
  }
}

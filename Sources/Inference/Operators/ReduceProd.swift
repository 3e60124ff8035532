/// REDUCE_PROD over int32 shape tensors (the converter's element counts for RESHAPE), evaluated at load. The
/// int8 kernel (a rescale per multiplication) is not implemented and is refused by name.
struct ReduceProdPlan: Sendable {
  /// Per input element, the output element it multiplies into.
  var destinations: [Int]
  var outputCount: Int

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    guard case .reducer(let keepDimensions) = context.op.options else {
      throw context.invalid("missing ReducerOptions")
    }
    let input = try context.input(0)
    let output = try context.output(0)
    guard input.type == .int32, output.type == .int32 else {
      throw context.invalid("\(input.type) REDUCE_PROD is not supported (only int32 shape tensors, at load)")
    }
    let rank = input.shape.count
    var reduced = [Bool](repeating: false, count: rank)
    for axis in try context.constantInts(try context.input(1), "axes") {
      reduced[try context.resolvedAxis(axis, rank: rank)] = true
    }
    var expected: [Int] = []
    for (d, size) in input.shape.enumerated() where !reduced[d] || keepDimensions {
      expected.append(reduced[d] ? 1 : size)
    }
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
    outputCount = output.elementCount
    var destinations: [Int] = []
    destinations.reserveCapacity(input.elementCount)
    var index = [Int](repeating: 0, count: rank)
    for _ in 0..<input.elementCount {
      var destination = 0
      for d in 0..<rank where !reduced[d] { destination = destination * input.shape[d] + index[d] }
      destinations.append(destination)
      var d = rank - 1
      while d >= 0 {
        index[d] += 1
        if index[d] < input.shape[d] { break }
        index[d] = 0
        d -= 1
      }
    }
    self.destinations = destinations
  }
}

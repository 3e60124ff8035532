/// Which input elements each output of a reduction over constant axes (MEAN, SUM…) combines: the input offset
/// of each output's first element, and the offsets relative to it of the elements it reduces, both in
/// increasing order (the order in which the reference kernels walk the input).
struct ReductionGeometry: Sendable {
  var outputBases: [Int]
  var reducedOffsets: [Int]

  /// Validates the axes (input 1) and the output shape against ReducerOptions' keep_dims.
  init(_ context: OperatorContext) throws(ModelError) {
    guard case .reducer(let keepDims) = context.op.options else { throw context.invalid("missing ReducerOptions") }
    let input = try context.input(0)
    let output = try context.output(0)
    let rank = input.shape.count
    guard rank >= 1, rank <= 6, input.elementCount > 0 else {
      throw context.invalid("input \(shapeText(input.shape)) must have rank 1...6 and elements")
    }
    var reduced = [Bool](repeating: false, count: rank)
    for axis in try context.constantInts(try context.input(1), "axis") {
      guard axis >= -rank, axis < rank else { throw context.invalid("axis \(axis) is out of range for rank \(rank)") }
      reduced[axis < 0 ? axis + rank : axis] = true
    }
    var strides = [Int](repeating: 1, count: rank)
    for d in stride(from: rank - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * input.shape[d + 1] }
    func offsets(_ dims: [Int]) -> [Int] {
      var result = [0]
      for d in dims { result = result.flatMap { base in (0..<input.shape[d]).map { base + $0 * strides[d] } } }
      return result
    }
    let kept = (0..<rank).filter { !reduced[$0] }
    outputBases = offsets(kept)
    reducedOffsets = offsets((0..<rank).filter { reduced[$0] })
    let expected = keepDims ? (0..<rank).map { reduced[$0] ? 1 : input.shape[$0] } : kept.map { input.shape[$0] }
    guard output.elementCount == outputBases.count, !keepDims || output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
  }
}

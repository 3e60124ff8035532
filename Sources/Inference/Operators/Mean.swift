/// MEAN over constant axes, int8. LiteRT 2.x's reference kernel (`QuantizedMeanOrSum` with multipliers)
/// sums `input - inputZeroPoint` over the reduced elements and applies one multiplier: `inputScale /
/// outputScale` quantized, then divided by the element count in fixed point (the significand is shifted left
/// by floor(log2 n), at most 32, and divided by n). Verified against LiteRT's BUILTIN_REF on global means with
/// and without keep_dims.
struct MeanPlan: Sendable {
  var multiplier: QuantizedMultiplier
  /// Input offset of the first element of each output's reduction.
  var outputBases: [Int]
  /// Offsets, relative to an output's base, of the elements it reduces.
  var reducedOffsets: [Int]
  var inputZeroPoint: Int32
  var outputZeroPoint: Int32

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    guard case .reducer(let keepDims) = context.op.options else { throw context.invalid("missing ReducerOptions") }
    let input = try context.input(0)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
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
    guard reducedOffsets.count < 1 << 23 else { throw context.invalid("reduces too many elements") }
    inputZeroPoint = inputQ.zeroPoint
    outputZeroPoint = outputQ.zeroPoint
    let base = QuantizedMultiplier(Double(inputQ.scale) / Double(outputQ.scale))
    let n = Int64(reducedOffsets.count)
    let shift = min(63 - n.leadingZeroBitCount, 32, 31 + base.shift)
    guard shift >= 0 else { throw context.invalid("output scale \(outputQ.scale) is too large") }
    multiplier = QuantizedMultiplier(
      significand: Int32(truncatingIfNeeded: (Int64(base.significand) << Int64(shift)) / n), shift: base.shift - shift)
    guard multiplier.shift >= -31 else { throw context.invalid("output scale \(outputQ.scale) is too large") }
  }
}

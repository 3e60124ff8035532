/// MEAN, SUM, REDUCE_MAX and REDUCE_MIN over constant axes, int8, as LiteRT's reference kernels compute them.
///
/// MEAN and SUM (`QuantizedMeanOrSum`) sum `input - inputZeroPoint` over the reduced elements in int32 and apply
/// one multiplier, `inputScale / outputScale` quantized; for MEAN it is then divided by the element count in
/// fixed point (the significand is shifted left by floor(log2 n), at most 32, and divided by n). LiteRT 2.x
/// takes this path for every axis set, the spatial pair and the last axis alike. REDUCE_MAX and REDUCE_MIN
/// need the input's quantization on the output and pick the largest or smallest byte.
struct ReducePlan: Sendable {
  enum Kind: Sendable {
    case mean, sum, max, min
  }
  var kind: Kind
  var geometry: ReductionGeometry
  var multiplier: QuantizedMultiplier
  var inputZeroPoint: Int32
  var outputZeroPoint: Int32

  init(_ context: OperatorContext, kind: Kind) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    self.kind = kind
    let inputQ = try context.int8Parameters(try context.input(0), "input")
    let outputQ = try context.int8Parameters(try context.output(0), "output")
    geometry = try ReductionGeometry(context)
    inputZeroPoint = inputQ.zeroPoint
    outputZeroPoint = outputQ.zeroPoint
    switch kind {
    case .max, .min:
      guard inputQ.scale == outputQ.scale, inputQ.zeroPoint == outputQ.zeroPoint else {
        throw context.invalid(
          "input and output quantization differ (\(inputQ.scale), \(inputQ.zeroPoint) vs \(outputQ.scale), "
            + "\(outputQ.zeroPoint))")
      }
      multiplier = QuantizedMultiplier(significand: 0, shift: 0)
    case .sum:
      multiplier = QuantizedMultiplier(Double(inputQ.scale) / Double(outputQ.scale))
      guard multiplier.shift <= 31 else { throw context.invalid("output scale \(outputQ.scale) is too small") }
    case .mean:
      let base = QuantizedMultiplier(Double(inputQ.scale) / Double(outputQ.scale))
      let n = Int64(geometry.reducedOffsets.count)
      let shift = min(63 - n.leadingZeroBitCount, 32, 31 + base.shift)
      guard shift >= 0 else { throw context.invalid("output scale \(outputQ.scale) is too large") }
      multiplier = QuantizedMultiplier(
        significand: Int32(truncatingIfNeeded: (Int64(base.significand) << Int64(shift)) / n),
        shift: base.shift - shift)
      guard multiplier.shift >= -31 else { throw context.invalid("output scale \(outputQ.scale) is too large") }
    }
  }
}

/// Which input elements each output of a reduction over constant axes reads (duplicate and negative axes
/// resolved as the reference's `ResolveAxis` does), with the output shape checked against keep_dims.
struct ReductionGeometry: Sendable {
  /// Input offset of the first element of each output's reduction.
  var outputBases: [Int]
  /// Offsets, relative to an output's base, of the elements it reduces.
  var reducedOffsets: [Int]

  /// The geometry of the operator's reduction: input 0 over the constant axes of input 1, into output 0, with
  /// ReducerOptions' keep_dims.
  init(_ context: OperatorContext) throws(ModelError) {
    guard case .reducer(let keepDims) = context.op.options else { throw context.invalid("missing ReducerOptions") }
    try self.init(
      context, input: try context.input(0), output: try context.output(0),
      axes: try context.constantInts(try context.input(1), "axis"), keepDims: keepDims)
  }

  init(_ context: OperatorContext, input: Tensor, output: Tensor, axes: [Int], keepDims: Bool) throws(ModelError) {
    let rank = input.shape.count
    guard rank >= 1, rank <= 6, input.elementCount > 0 else {
      throw context.invalid("input \(shapeText(input.shape)) must have rank 1...6 and elements")
    }
    var reduced = [Bool](repeating: false, count: rank)
    for axis in axes {
      guard axis >= -rank, axis < rank else { throw context.invalid("axis \(axis) is out of range for rank \(rank)") }
      reduced[axis < 0 ? axis + rank : axis] = true
    }
    // Shapes are checked before the offset tables are made: their sizes follow the shapes, which the checks bound.
    let kept = (0..<rank).filter { !reduced[$0] }
    let outputCount = kept.reduce(1) { $0 * input.shape[$1] }
    let expected = keepDims ? (0..<rank).map { reduced[$0] ? 1 : input.shape[$0] } : kept.map { input.shape[$0] }
    guard output.elementCount == outputCount, !keepDims || output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
    guard input.elementCount / outputCount < 1 << 23 else { throw context.invalid("reduces too many elements") }
    var strides = [Int](repeating: 1, count: rank)
    for d in stride(from: rank - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * input.shape[d + 1] }
    func offsets(_ dims: [Int]) -> [Int] {
      var result = [0]
      for d in dims { result = result.flatMap { base in (0..<input.shape[d]).map { base + $0 * strides[d] } } }
      return result
    }
    outputBases = offsets(kept)
    reducedOffsets = offsets((0..<rank).filter { reduced[$0] })
  }
}

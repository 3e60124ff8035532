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
    let input = try context.input(0)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
    let geometry = try ReductionGeometry(context)
    outputBases = geometry.outputBases
    reducedOffsets = geometry.reducedOffsets
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

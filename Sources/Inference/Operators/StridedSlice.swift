/// STRIDED_SLICE, int8 data or int32 shape tensors (evaluated at load): begin, end and strides are constant.
/// Per dimension, as TFLite's `StridedSliceStartForAxis`/`StridedSliceEndForAxis`
/// (kernels/internal/strided_slice_logic.h): a negative begin or end counts from the end; both are clamped
/// to [0, size] going forward, [-1, size - 1] going backward; a begin (end) mask takes the first (last)
/// element in the stride's direction; with `offset`, end counts from begin; a shrunk axis takes one element
/// and leaves the output. Ellipsis and new-axis masks (version 6) are refused: the converter folds them into
/// the other masks and RESHAPEs.
struct StridedSlicePlan: Sendable {
  static let maximumRank = 5

  var elementBytes: Int
  /// Input dimensions padded in front to `maximumRank`; per padded dimension the first index, the count and
  /// the step of the elements taken.
  var inputShape: [Int]
  var starts: [Int]
  var counts: [Int]
  var steps: [Int]

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 4...4, outputs: 1)
    guard case .stridedSlice(let options) = context.op.options else {
      throw context.invalid("missing StridedSliceOptions")
    }
    guard options.ellipsisMask == 0, options.newAxisMask == 0 else {
      throw context.invalid("ellipsis and new-axis masks are not supported")
    }
    let input = try context.input(0)
    let output = try context.output(0)
    elementBytes = try context.movedElementBytes(input, output)
    let rank = input.shape.count
    guard rank <= Self.maximumRank else { throw context.invalid("input rank \(rank) is above \(Self.maximumRank)") }
    let begin = try context.constantInts(try context.input(1), "begin")
    let end = try context.constantInts(try context.input(2), "end")
    let strides = try context.constantInts(try context.input(3), "strides")
    guard begin.count == rank, end.count == rank, strides.count == rank else {
      throw context.invalid("begin, end and strides must have \(rank) values")
    }
    let lead = Self.maximumRank - rank
    inputShape = [Int](repeating: 1, count: lead) + input.shape
    starts = [Int](repeating: 0, count: lead)
    counts = [Int](repeating: 1, count: lead)
    steps = [Int](repeating: 1, count: lead)
    var expected: [Int] = []
    for axis in 0..<rank {
      let size = input.shape[axis]
      let stride = strides[axis]
      guard stride != 0 else { throw context.invalid("stride \(axis) is 0") }
      let bit = 1 << axis
      // StridedSliceStartForAxis
      var start = begin[axis]
      if start < 0 { start += size }
      start = stride > 0 ? min(max(start, 0), size) : min(max(start, -1), size - 1)
      if options.beginMask & bit != 0 { start = stride > 0 ? 0 : size - 1 }
      // StridedSliceEndForAxis
      var stop: Int
      let shrink = options.shrinkAxisMask & bit != 0
      if shrink {
        stop = start >= size ? start : start + 1
      } else {
        stop = end[axis]
        if options.offset { stop += start }
        if stop < 0 { stop += size }
        stop = stride > 0 ? min(max(stop, 0), size) : min(max(stop, -1), size - 1)
        if options.endMask & bit != 0 { stop = stride > 0 ? size : -1 }
      }
      let span = stride > 0 ? stop - start : start - stop
      let count = span > 0 ? (span + abs(stride) - 1) / abs(stride) : 0
      if !shrink { expected.append(count) }
      starts.append(start)
      counts.append(count)
      steps.append(stride)
    }
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
  }
}

/// NumPy broadcasting of two operands over up to 6 dimensions, as TFLite's `*6DSlow` reference kernels walk
/// it (output elements in order): the output shape with dimensions merged where both operands allow, padded to
/// 6 dimensions, and each operand's element strides (0 along dimensions it broadcasts).
struct Broadcast: Sendable {
  var shape: [Int]
  var strides1: [Int]
  var strides2: [Int]
  /// False when both operands have the output's shape, so element i of each pairs with element i.
  var broadcasts: Bool
  var count: Int

  static let rank = 6

  init(_ context: OperatorContext, _ a: Tensor, _ b: Tensor, output: Tensor) throws(ModelError) {
    let rank = max(a.shape.count, b.shape.count)
    guard rank <= Self.rank else { throw context.invalid("rank \(rank) exceeds \(Self.rank)") }
    func padded(_ s: [Int]) -> [Int] { [Int](repeating: 1, count: Self.rank - s.count) + s }
    let sa = padded(a.shape)
    let sb = padded(b.shape)
    var shape = [Int](repeating: 1, count: Self.rank)
    for d in 0..<Self.rank {
      guard sa[d] == sb[d] || sa[d] == 1 || sb[d] == 1 else {
        throw context.invalid("shapes \(shapeText(a.shape)) and \(shapeText(b.shape)) do not broadcast")
      }
      shape[d] = max(sa[d], sb[d])
    }
    guard output.shape.count <= Self.rank, padded(output.shape) == shape else {
      throw context.invalid("output shape \(shapeText(output.shape)) is not the broadcast shape")
    }
    func strides(_ s: [Int]) -> [Int] {
      var result = [Int](repeating: 0, count: Self.rank)
      var step = 1
      for d in stride(from: Self.rank - 1, through: 0, by: -1) {
        result[d] = s[d] == 1 ? 0 : step
        step *= s[d]
      }
      return result
    }
    // Dimensions are merged where neither operand's walk changes: dimensions of 1 go, and a dimension joins the
    // next when, for both operands, its stride is the next one's stride times the next one's size (both
    // contiguous across the two, or both repeated). The same elements are visited in the same order, in fewer
    // and longer rows: a per-channel constant times an image is one row per pixel, InstanceNorm's per-channel
    // mean subtracted from an NCHW image one row per channel.
    let (stridesA, stridesB) = (strides(sa), strides(sb))
    var merged: [(size: Int, a: Int, b: Int)] = []
    for d in 0..<Self.rank where shape[d] != 1 {
      if let outer = merged.last, outer.a == stridesA[d] * shape[d], outer.b == stridesB[d] * shape[d] {
        merged[merged.count - 1] = (outer.size * shape[d], stridesA[d], stridesB[d])
      } else {
        merged.append((shape[d], stridesA[d], stridesB[d]))
      }
    }
    let lead = Self.rank - merged.count
    self.shape = [Int](repeating: 1, count: lead) + merged.map { $0.size }
    strides1 = [Int](repeating: 0, count: lead) + merged.map { $0.a }
    strides2 = [Int](repeating: 0, count: lead) + merged.map { $0.b }
    broadcasts = sa != sb
    count = shape.reduce(1, *)
  }

  /// Calls `body` with each output row's first element offset in `a`, in `b` and in the output, in order.
  @inline(__always)
  func forEachRow(_ body: (Int, Int, Int) -> Void) {
    var o = 0
    for i0 in 0..<shape[0] {
      for i1 in 0..<shape[1] {
        for i2 in 0..<shape[2] {
          for i3 in 0..<shape[3] {
            for i4 in 0..<shape[4] {
              let baseA = i0 * strides1[0] + i1 * strides1[1] + i2 * strides1[2] + i3 * strides1[3] + i4 * strides1[4]
              let baseB = i0 * strides2[0] + i1 * strides2[1] + i2 * strides2[2] + i3 * strides2[3] + i4 * strides2[4]
              body(baseA, baseB, o)
              o += shape[5]
            }
          }
        }
      }
    }
  }

  /// Calls `body(i1, i2)` with the operands' element offsets for each output element, in output order.
  @inline(__always)
  func forEach(_ body: (Int, Int) -> Void) {
    forEachRow { baseA, baseB, _ in
      for i5 in 0..<shape[5] { body(baseA + i5 * strides1[5], baseB + i5 * strides2[5]) }
    }
  }
}

/// TRANSPOSE of up to six dimensions, int8 or float32: output dimension `d` is input dimension `permutation[d]`. At prepare,
/// dimensions of extent 1 are dropped and input dimensions that stay adjacent and in order are merged; a
/// permutation that is then a (batched) matrix transpose, as NCHW ↔ NHWC are ([0, 2, 3, 1] and [0, 3, 1, 2]),
/// runs a tiled transpose, any other a `CopyMap`.
struct TransposePlan: Sendable {
  enum Kernel: Sendable {
    case map(CopyMap)
    /// `batches` matrices of `rows` × `columns` elements of `width` bytes, each written transposed.
    case matrix(batches: Int, rows: Int, columns: Int, width: Int)
  }
  var kernel: Kernel

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    let width = try context.movedElementBytes(input, output)
    let permutation = try context.constantInts(try context.input(1), "permutation")
    let rank = input.shape.count
    guard rank <= CopyMap.maximumRank, permutation.count == rank,
      permutation.sorted() == Array(0..<rank)
    else { throw context.invalid("permutation of \(permutation.count) axes does not fit rank \(rank) (at most 6)") }
    let expected = permutation.map { input.shape[$0] }
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
    kernel = Self.kernel(shape: input.shape, permutation: permutation, width: width)
  }

  /// The cheapest kernel for transposing a dense tensor of `shape` by `permutation`.
  static func kernel(shape: [Int], permutation: [Int], width: Int) -> Kernel {
    // Merge input dimensions that are adjacent in both orders, dropping those of extent 1.
    let kept = permutation.filter { shape[$0] != 1 }
    var groups: [[Int]] = []  // input dimensions per merged dimension, in output order
    for axis in kept {
      if let last = groups.last?.last, axis == last + 1 {
        groups[groups.count - 1].append(axis)
      } else {
        groups.append([axis])
      }
    }
    let order = positionsSorted(byKeys: groups.map { ($0[0], 0) })  // merged dims in input order
    let extents = order.map { groups[$0].reduce(1) { $0 * shape[$1] } }
    let reduced = groups.indices.map { g in order.firstIndex(of: g)! }  // merged permutation
    if reduced == [1, 0] { return .matrix(batches: 1, rows: extents[0], columns: extents[1], width: width) }
    if reduced == [0, 2, 1] {
      return .matrix(batches: extents[0], rows: extents[1], columns: extents[2], width: width)
    }
    let strides = denseStrides(shape)
    let offsets = permutation.map { CopyMap.range(0, count: shape[$0], stride: strides[$0]) }
    return .map(CopyMap(elementOffsets: offsets, width: width))
  }
}

/// MIRROR_PAD: pads each dimension with its mirror image, REFLECT leaving out the edge element, SYMMETRIC
/// repeating it; int8 or float32. A `CopyMap` whose per-dimension offsets are the reference's `GetInputDimension`, which also
/// fixes what paddings wider than the input give.
extension CopyPlan {
  init(mirrorPad context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    guard case .mirrorPad(let symmetric) = context.op.options else {
      throw context.invalid("missing MirrorPadOptions")
    }
    let input = try context.input(0)
    let output = try context.output(0)
    let width = try context.movedElementBytes(input, output)
    let paddings = try context.constantInts(try context.input(1), "paddings")
    let shape = input.shape
    guard shape.count <= CopyMap.maximumRank, paddings.count == 2 * shape.count, paddings.allSatisfy({ $0 >= 0 }),
      shape.allSatisfy({ $0 > 0 })
    else { throw context.invalid("paddings must be \(shape.count) non-negative pairs (at most 6)") }
    let expected = shape.indices.map { shape[$0] + paddings[2 * $0] + paddings[2 * $0 + 1] }
    try Self.expectShape(context, output, expected)
    let strides = denseStrides(shape)
    let edge = symmetric ? 0 : 1
    var offsets: [[Int]] = []
    for d in shape.indices {
      let indices = (0..<expected[d]).map { mirrorIndex($0, before: paddings[2 * d], extent: shape[d], edge: edge) }
      guard indices.allSatisfy({ (0..<shape[d]).contains($0) }) else {
        throw context.invalid(
          "paddings \(paddings[2 * d]), \(paddings[2 * d + 1]) of dimension \(d) exceed its extent \(shape[d])"
            + (symmetric ? "" : " less one (REFLECT)"))
      }
      offsets.append(indices.map { $0 * strides[d] })
    }
    self.init(input: 0, maps: [CopyMap(elementOffsets: offsets, width: width)])
  }
}

/// The input index that output index `index` of a mirror-padded dimension reads; `edge` is 1 for REFLECT.
func mirrorIndex(_ index: Int, before: Int, extent: Int, edge: Int) -> Int {
  if index < before {
    let last = before + edge - 1
    return last - min(index, last - edge)
  }
  let inner = index - before
  if inner < extent { return inner }
  let last = extent - 1 - edge
  return last - min(inner - extent, last)
}

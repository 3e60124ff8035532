/// SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND on NHWC tensors (rank 3, NWC, is a height-only block), as the
/// converter leaves around a dilated convolution it did not fuse. Block shape, paddings and crops are constant.
/// Both move whole pixels, int8 or float32; SPACE_TO_BATCH_ND fills padding with zero (int8: the output zero
/// point).
struct SpaceBatchPlan: Sendable {
  /// The batched side's shape ([batch · blockHeight · blockWidth, height, width, depth]) and the spatial side's,
  /// the depth in bytes.
  var batched: [Int]
  var spatial: [Int]
  var blockHeight, blockWidth: Int
  /// Padding (SPACE_TO_BATCH_ND) or crops (BATCH_TO_SPACE_ND) before the first row and column.
  var top, left: Int
  /// The padding's byte: the int8 zero point, or 0 (float32 0.0 is four zero bytes).
  var padValue: UInt8
  var toBatch: Bool

  init(_ context: OperatorContext, toBatch: Bool) throws(ModelError) {
    try context.expectCounts(inputs: 3...3, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    let width = try context.movedElementBytes(input, output)
    let geometry = try Self.geometry(context, toBatch: toBatch)
    let (shape4, expected, before) = (geometry.shape4, geometry.expected4, geometry.before)
    (blockHeight, blockWidth) = (geometry.blockHeight, geometry.blockWidth)
    try CopyPlan.expectShape(context, output, geometry.outputShape)
    batched = toBatch ? expected : shape4
    spatial = toBatch ? shape4 : expected
    batched[3] *= width
    spatial[3] *= width
    (top, left) = (before[0], before[1])
    padValue = width == 1 ? UInt8(truncatingIfNeeded: try context.int8Parameters(output, "output").zeroPoint) : 0
    self.toBatch = toBatch
  }

  /// The sizes both operators derive from their input's shape and constant block and amounts: the input as
  /// rank 4 (`shape4`), the output as rank 4 (`expected4`) and as the operator writes it (`outputShape`).
  struct Geometry {
    var shape4, expected4, outputShape: [Int]
    var blockHeight, blockWidth: Int
    var before: [Int]
  }

  /// The geometry of operator `context` (SPACE_TO_BATCH_ND if `toBatch`, else BATCH_TO_SPACE_ND). Also used at
  /// load to resolve an output shape the file records with batch 1 (batch None: -1 in `shape_signature`).
  static func geometry(_ context: OperatorContext, toBatch: Bool) throws(ModelError) -> Geometry {
    let input = try context.input(0)
    let rank = input.shape.count
    guard rank == 3 || rank == 4, input.shape.allSatisfy({ $0 > 0 }) else {
      throw context.invalid("input \(shapeText(input.shape)) must have rank 3 or 4")
    }
    let block = try context.constantInts(try context.input(1), "block_shape")
    let amounts = try context.constantInts(try context.input(2), toBatch ? "paddings" : "crops")
    guard block.count == rank - 2, block.allSatisfy({ $0 > 0 }), amounts.count == 2 * (rank - 2),
      amounts.allSatisfy({ $0 >= 0 })
    else { throw context.invalid("block_shape must have \(rank - 2) positive entries, with as many pairs") }
    // Rank 3 is rank 4 with a width of 1.
    let shape4 = rank == 4 ? input.shape : [input.shape[0], input.shape[1], 1, input.shape[2]]
    let blockHeight = block[0]
    let blockWidth = rank == 4 ? block[1] : 1
    let before = [amounts[0], rank == 4 ? amounts[2] : 0]
    let after = [amounts[1], rank == 4 ? amounts[3] : 0]
    let blocks = [blockHeight, blockWidth]
    var expected = shape4
    if toBatch {
      for d in 0..<2 {
        let padded = shape4[1 + d] + before[d] + after[d]
        guard padded % blocks[d] == 0 else {
          throw context.invalid("padded extent \(padded) is not a multiple of block \(blocks[d])")
        }
        expected[1 + d] = padded / blocks[d]
      }
      expected[0] = shape4[0] * blockHeight * blockWidth
    } else {
      guard shape4[0] % (blockHeight * blockWidth) == 0 else {
        throw context.invalid("batch \(shape4[0]) is not a multiple of the block size")
      }
      for d in 0..<2 {
        expected[1 + d] = shape4[1 + d] * blocks[d] - before[d] - after[d]
        guard expected[1 + d] > 0 else { throw context.invalid("crops remove all of dimension \(1 + d)") }
      }
      expected[0] = shape4[0] / (blockHeight * blockWidth)
    }
    return Geometry(
      shape4: shape4, expected4: expected,
      outputShape: rank == 4 ? expected : [expected[0], expected[1], expected[3]],
      blockHeight: blockHeight, blockWidth: blockWidth, before: before)
  }
}

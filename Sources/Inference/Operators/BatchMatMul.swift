/// BATCH_MATMUL, int8: `output[b] = lhs[b] × rhs[b]` over broadcast batch dimensions, each operand optionally
/// transposed (adj_x, adj_y). The reference sums `(lhs - lhsZeroPoint) * (rhs - rhsZeroPoint)` in int32 and
/// requantizes once with `lhsScale * rhsScale / outputScale` (the product of the two scales taken in Float, as
/// `GetQuantizedConvolutionMultipler` does); there is no fused activation.
///
/// A constant right-hand side with zero point 0 (what the converter emits for weights) is packed once per rhs
/// batch as GEMM weights, rows = output columns, like FULLY_CONNECTED's filter; otherwise both operands are
/// widened to int16 at run time (`evalActivations`).
struct BatchMatMulPlan: Sendable {
  /// Output rows (lhs rows), accumulation depth, output columns.
  var rows, depth, columns: Int
  var adjointX, adjointY: Bool
  /// Per output batch: offsets of its lhs and rhs matrices (broadcast batches repeat an offset).
  var lhsOffsets: [Int]
  var rhsOffsets: [Int]
  /// Per output batch: which packed rhs matrix it multiplies by (with `packed`).
  var rhsBatches: [Int]
  var lhsZeroPoint, rhsZeroPoint: Int32
  var stage: OutputStage
  /// `stage` for 16 columns at a time (`evalActivations`).
  var uniformStage: VectorOutputStage
  /// The constant rhs packed per rhs batch, or empty when the rhs is an activation.
  var packed: [PackedGEMMWeights] = []

  var macs: Int { lhsOffsets.count * rows * depth * columns }
  var scratchBytes: Int { packed.first?.scratchBytes ?? activationScratchBytes }
  var isPacked: Bool { !packed.isEmpty }

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    guard case .batchMatMul(let adjointX, let adjointY) = context.op.options else {
      throw context.invalid("missing BatchMatMulOptions")
    }
    self.adjointX = adjointX
    self.adjointY = adjointY
    let lhs = try context.input(0)
    let rhs = try context.input(1)
    let output = try context.output(0)
    let lhsQ = try context.int8Parameters(lhs, "lhs")
    let rhsQ = try context.int8Parameters(rhs, "rhs")
    let outputQ = try context.int8Parameters(output, "output")
    let rank = max(lhs.shape.count, rhs.shape.count)
    guard (2...5).contains(lhs.shape.count), (2...5).contains(rhs.shape.count),
      lhs.elementCount > 0, rhs.elementCount > 0
    else {
      throw context.invalid(
        "lhs \(shapeText(lhs.shape)) and rhs \(shapeText(rhs.shape)) must have rank 2...5 and elements")
    }
    let l = [Int](repeating: 1, count: rank - lhs.shape.count) + lhs.shape
    let r = [Int](repeating: 1, count: rank - rhs.shape.count) + rhs.shape
    rows = adjointX ? l[rank - 1] : l[rank - 2]
    depth = adjointX ? l[rank - 2] : l[rank - 1]
    columns = adjointY ? r[rank - 2] : r[rank - 1]
    let rhsDepth = adjointY ? r[rank - 1] : r[rank - 2]
    guard rhsDepth == depth else {
      throw context.invalid("lhs \(shapeText(lhs.shape)) and rhs \(shapeText(rhs.shape)) do not multiply")
    }
    guard depth <= 1 << 16 else { throw context.invalid("\(depth) products per output overflow the int32 accumulator") }
    var batchShape: [Int] = []
    for d in 0..<(rank - 2) {
      guard l[d] == r[d] || l[d] == 1 || r[d] == 1 else {
        throw context.invalid(
          "batch dimensions of \(shapeText(lhs.shape)) and \(shapeText(rhs.shape)) do not broadcast")
      }
      batchShape.append(max(l[d], r[d]))
    }
    let expected = batchShape + [rows, columns]
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
    // Walk the output batches in order; each operand's offset advances only along dimensions it does not
    // broadcast.
    func offsets(_ shape: [Int], matrix: Int) -> [Int] {
      var strides = [Int](repeating: 0, count: rank - 2)
      var step = matrix
      for d in stride(from: rank - 3, through: 0, by: -1) {
        strides[d] = shape[d] == 1 ? 0 : step
        step *= shape[d]
      }
      var result = [0]
      for d in 0..<(rank - 2) {
        result = result.flatMap { base in (0..<batchShape[d]).map { base + $0 * strides[d] } }
      }
      return result
    }
    let matrixSize = depth * columns
    lhsOffsets = offsets(l, matrix: rows * depth)
    rhsOffsets = offsets(r, matrix: matrixSize)
    rhsBatches = rhsOffsets.map { $0 / matrixSize }
    lhsZeroPoint = lhsQ.zeroPoint
    rhsZeroPoint = rhsQ.zeroPoint
    let multiplier = try context.multiplier(Double(lhsQ.scale * rhsQ.scale) / Double(outputQ.scale), "output")
    stage = OutputStage(
      multipliers: [multiplier], bias: [], outputOffset: outputQ.zeroPoint, minimum: -128, maximum: 127)
    uniformStage = VectorOutputStage(
      OutputStage(
        multipliers: [QuantizedMultiplier](repeating: multiplier, count: VectorOutputStage.lanes), bias: [],
        outputOffset: outputQ.zeroPoint, minimum: -128, maximum: 127))
    guard rhs.data != nil, rhsQ.zeroPoint == 0 else { return }
    let bytes = try context.constantInt8(rhs, "rhs")
    let gemmStage = OutputStage(
      multipliers: [QuantizedMultiplier](repeating: multiplier, count: columns),
      bias: [Int32](repeating: 0, count: columns), outputOffset: outputQ.zeroPoint, minimum: -128, maximum: 127)
    let (depth, columns) = (self.depth, self.columns)
    packed = (0..<rhs.elementCount / matrixSize).map { batch in
      // GEMM weights are [columns][depth]: the rhs as stored when adj_y, else its transpose.
      let base = bytes.startIndex + batch * depth * columns
      var matrix = [UInt8](repeating: 0, count: depth * columns)
      for j in 0..<columns {
        for k in 0..<depth { matrix[j * depth + k] = bytes[base + (adjointY ? j * depth + k : k * columns + j)] }
      }
      return PackedGEMMWeights(
        weights: matrix[...], rows: columns, depth: depth, stage: gemmStage, inputZeroPoint: lhsQ.zeroPoint)
    }
  }
}

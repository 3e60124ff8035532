/// BATCH_MATMUL, float32: `output[b][i][j] = sum over k of x[b][i][k] * y[b][k][j]`, summed from 0 in k
/// order as the reference, with `adj_x`/`adj_y` reading an operand's last two dimensions transposed and the
/// batch dimensions broadcast.
struct FloatBatchMatmulPlan: Sendable {
  var rows: Int
  var columns: Int
  var depth: Int
  /// Per output matrix: the offsets of the x and y matrices it multiplies.
  var outputBatches: [(x: Int, y: Int)]
  /// Element steps in x along i and k, and in y along k and j.
  var xRowStep, xDepthStep, yDepthStep, yColumnStep: Int

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    guard case .batchMatMul(let adjointX, let adjointY) = context.op.options else {
      throw context.invalid("missing BatchMatMulOptions")
    }
    let x = try context.input(0)
    let y = try context.input(1)
    let output = try context.output(0)
    try context.expectFloat(x, "input 1")
    try context.expectFloat(y, "input 2")
    try context.expectFloat(output, "output")
    guard (2...5).contains(x.shape.count), (2...5).contains(y.shape.count), x.elementCount > 0, y.elementCount > 0
    else { throw context.invalid("inputs \(shapeText(x.shape)) and \(shapeText(y.shape)) must have rank 2...5") }
    let xr = x.shape.count
    let yr = y.shape.count
    rows = adjointX ? x.shape[xr - 1] : x.shape[xr - 2]
    depth = adjointX ? x.shape[xr - 2] : x.shape[xr - 1]
    let yDepth = adjointY ? y.shape[yr - 1] : y.shape[yr - 2]
    columns = adjointY ? y.shape[yr - 2] : y.shape[yr - 1]
    guard depth == yDepth else { throw context.invalid("depths \(depth) and \(yDepth) differ") }
    xRowStep = adjointX ? 1 : depth
    xDepthStep = adjointX ? rows : 1
    yDepthStep = adjointY ? 1 : columns
    yColumnStep = adjointY ? depth : 1
    // Batch dimensions, padded to the same count, broadcast NumPy-style.
    let batchRank = max(xr, yr) - 2
    func batchDims(_ shape: [Int]) -> [Int] {
      [Int](repeating: 1, count: batchRank - (shape.count - 2)) + shape.dropLast(2)
    }
    let xb = batchDims(x.shape)
    let yb = batchDims(y.shape)
    var shape: [Int] = []
    for d in 0..<batchRank {
      guard xb[d] == yb[d] || xb[d] == 1 || yb[d] == 1 else {
        throw context.invalid("batch dimensions of \(shapeText(x.shape)) and \(shapeText(y.shape)) do not broadcast")
      }
      shape.append(max(xb[d], yb[d]))
    }
    guard output.shape == shape + [rows, columns] else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(shape + [rows, columns]))")
    }
    var batches: [(x: Int, y: Int)] = [(x: 0, y: 0)]
    var xStride = rows * depth
    var yStride = depth * columns
    // Innermost batch dimension last: build offsets from the outermost in, strides from the innermost out.
    var strides = [(x: Int, y: Int)](repeating: (x: 0, y: 0), count: batchRank)
    for d in stride(from: batchRank - 1, through: 0, by: -1) {
      strides[d] = (x: xb[d] == 1 ? 0 : xStride, y: yb[d] == 1 ? 0 : yStride)
      xStride *= xb[d]
      yStride *= yb[d]
    }
    for d in 0..<batchRank {
      batches = batches.flatMap { base -> [(x: Int, y: Int)] in
        (0..<shape[d]).map { i -> (x: Int, y: Int) in (x: base.x + i * strides[d].x, y: base.y + i * strides[d].y) }
      }
    }
    outputBatches = batches
  }
}

extension OperatorContext {
  /// FULLY_CONNECTED's shapes: the filter is [units, depth], the input flattens to rows of `depth`, and the
  /// output holds one row of `units` per input row.
  func fullyConnectedGeometry(input: Tensor, filter: Tensor, output: Tensor) throws(ModelError) -> (
    batches: Int, depth: Int, units: Int
  ) {
    try expectRank(filter, 2, "filter")
    let units = filter.shape[0]
    let depth = filter.shape[1]
    guard input.elementCount % depth == 0, input.elementCount > 0 else {
      throw invalid("input \(shapeText(input.shape)) does not flatten to rows of \(depth)")
    }
    let batches = input.elementCount / depth
    guard output.elementCount == batches * units, output.shape.last == units else {
      throw invalid("output shape \(shapeText(output.shape)) should hold \(batches) x \(units)")
    }
    return (batches, depth, units)
  }
}

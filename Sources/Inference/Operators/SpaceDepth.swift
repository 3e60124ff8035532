/// DEPTH_TO_SPACE and SPACE_TO_DEPTH, int8 or float32 (NHWC, TensorFlow's DCR order: channel block `(row * block + column) *
/// depth + channel`), as `CopyMap`s: the output, seen as six dense dimensions, reads the input at fixed strides.
extension CopyPlan {
  init(depthToSpace context: OperatorContext) throws(ModelError) {
    let (input, output, block, width) = try Self.blockOperands(context)
    let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    guard c % (block * block) == 0 else {
      throw context.invalid("depth \(c) is not a multiple of block size \(block) squared")
    }
    let depth = c / (block * block)
    try Self.expectShape(context, output, [n, h * block, w * block, depth])
    // Output as [n, h, blockRow, w, blockColumn, depth].
    let offsets = [
      CopyMap.range(0, count: n, stride: h * w * c), CopyMap.range(0, count: h, stride: w * c),
      CopyMap.range(0, count: block, stride: block * depth), CopyMap.range(0, count: w, stride: c),
      CopyMap.range(0, count: block, stride: depth), CopyMap.range(0, count: depth, stride: 1),
    ]
    self.init(input: 0, maps: [CopyMap(elementOffsets: offsets, width: width)])
  }

  init(spaceToDepth context: OperatorContext) throws(ModelError) {
    let (input, output, block, width) = try Self.blockOperands(context)
    let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    guard h % block == 0, w % block == 0 else {
      throw context.invalid("height \(h) and width \(w) must be multiples of block size \(block)")
    }
    try Self.expectShape(context, output, [n, h / block, w / block, block * block * c])
    // Output as [n, h / block, w / block, blockRow, blockColumn, c].
    let offsets = [
      CopyMap.range(0, count: n, stride: h * w * c), CopyMap.range(0, count: h / block, stride: block * w * c),
      CopyMap.range(0, count: w / block, stride: block * c), CopyMap.range(0, count: block, stride: w * c),
      CopyMap.range(0, count: block, stride: c), CopyMap.range(0, count: c, stride: 1),
    ]
    self.init(input: 0, maps: [CopyMap(elementOffsets: offsets, width: width)])
  }

  /// The input, output, block size and bytes per element of DEPTH_TO_SPACE or SPACE_TO_DEPTH.
  private static func blockOperands(_ context: OperatorContext) throws(ModelError) -> (Tensor, Tensor, Int, Int) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    guard case .blockSize(let block) = context.op.options else { throw context.invalid("missing block size") }
    let input = try context.input(0)
    let output = try context.output(0)
    try context.expectRank(input, 4, "input")
    return (input, output, block, try context.movedElementBytes(input, output))
  }

  static func expectShape(_ context: OperatorContext, _ output: Tensor, _ expected: [Int]) throws(ModelError) {
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
  }
}

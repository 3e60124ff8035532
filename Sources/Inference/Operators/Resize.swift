/// RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR on NHWC tensors, to the constant size of input 1. The input
/// coordinates of every output row and column are computed once, at prepare, with the reference's arithmetic.
struct ResizeGeometry: Sendable {
  var batches, inputHeight, inputWidth, depth: Int
  var outputHeight, outputWidth: Int
  var alignCorners, halfPixelCenters: Bool
  /// 1 for int8 (input and output quantized alike), 4 for float32.
  var elementBytes: Int

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    guard case .resize(let alignCorners, let halfPixelCenters) = context.op.options else {
      throw context.invalid("missing resize options")
    }
    let input = try context.input(0)
    let output = try context.output(0)
    try context.expectRank(input, 4, "input")
    elementBytes = try context.movedElementBytes(input, output)
    let size = try context.constantInts(try context.input(1), "size")
    guard size.count == 2, size[0] > 0, size[1] > 0, size[0] <= Int(Int32.max) / 2048, size[1] <= Int(Int32.max) / 2048
    else { throw context.invalid("size must be two positive extents") }
    let expected = [input.shape[0], size[0], size[1], input.shape[3]]
    try CopyPlan.expectShape(context, output, expected)
    guard input.shape[1] <= 1 << 20, input.shape[2] <= 1 << 20 else {
      throw context.invalid("input \(shapeText(input.shape)) is too large to resize")
    }
    (batches, inputHeight, inputWidth, depth) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    (outputHeight, outputWidth) = (size[0], size[1])
    self.alignCorners = alignCorners
    self.halfPixelCenters = halfPixelCenters
  }

  /// The reference's `GetNearestNeighbor`, in float32 as it computes.
  func nearest(_ index: Int, input: Int, output: Int) -> Int {
    let scale =
      alignCorners && output > 1 ? Float(input - 1) / Float(output - 1) : Float(input) / Float(output)
    let position = (Float(index) + (halfPixelCenters ? 0.5 : 0)) * scale
    var nearest = min(
      Int(alignCorners ? position.rounded(.toNearestOrAwayFromZero) : position.rounded(.down)), input - 1)
    if halfPixelCenters { nearest = max(0, nearest) }
    return nearest
  }

  /// The reference's float `ComputeInterpolationValues` for every output index along one axis: the input
  /// position (in float32, as it computes) and the input indices below and above it, clamped to the input.
  func interpolation(input: Int, output: Int) -> [(lower: Int, upper: Int, position: Float)] {
    let scale =
      alignCorners && output > 1 ? Float(input - 1) / Float(output - 1) : Float(input) / Float(output)
    return (0..<output).map { index in
      let position = halfPixelCenters ? (Float(index) + 0.5) * scale - 0.5 : Float(index) * scale
      return (max(Int(position.rounded(.down)), 0), min(Int(position.rounded(.up)), input - 1), position)
    }
  }

  /// The reference's integer `ComputeInterpolationValues` for every output index along one axis: the two input
  /// indices and the position in 1/1024ths that weighs them.
  func fixedPointInterpolation(input: Int, output: Int) -> [(lower: Int, upper: Int, position: Int32)] {
    var scale = Int32(((1 << 10) * input + output / 2) / output)
    if alignCorners && output > 1 { scale = Int32(((1 << 10) * (input - 1) + (output - 1) / 2) / (output - 1)) }
    return (0..<output).map { index in
      let value = Int32(index)
      let position = halfPixelCenters ? value * scale + scale / 2 - (1 << 9) : value * scale
      let lower = max(Int(position / (1 << 10)), 0)  // division truncates towards zero, as in C++
      let upper = min(Int((position + (1 << 10) - 1) / (1 << 10)), input - 1)
      return (lower, upper, position)
    }
  }
}

extension CopyPlan {
  /// RESIZE_NEAREST_NEIGHBOR, int8 or float32: each output pixel copies one input pixel's channels.
  init(resizeNearest context: OperatorContext) throws(ModelError) {
    let g = try ResizeGeometry(context)
    let offsets = [
      CopyMap.range(0, count: g.batches, stride: g.inputHeight * g.inputWidth * g.depth),
      (0..<g.outputHeight).map { g.nearest($0, input: g.inputHeight, output: g.outputHeight) * g.inputWidth * g.depth },
      (0..<g.outputWidth).map { g.nearest($0, input: g.inputWidth, output: g.outputWidth) * g.depth },
      CopyMap.range(0, count: g.depth, stride: 1),
    ]
    self.init(input: 0, maps: [CopyMap(elementOffsets: offsets, width: g.elementBytes)])
  }
}

/// RESIZE_BILINEAR, int8: the reference's fixed-point interpolation (`ResizeBilinearInteger`): positions in
/// 1/1024ths, the four products summed at 2^20 and rounded half away from zero.
struct ResizeBilinearPlan: Sendable {
  var batches, inputHeight, inputWidth, depth, outputHeight, outputWidth: Int
  /// Per output row: the two input rows (element offsets) and the weight of the lower one's neighbour.
  var rows: [Sample]
  /// Per output column: the two input columns (element offsets) and the weight of the right one.
  var columns: [Sample]

  struct Sample: Sendable {
    var lower: Int
    var upper: Int
    /// The upper sample's weight in 1/1024ths (the lower's is 1024 minus it; either may fall outside 0...1024
    /// with half-pixel centres at the border, as in the reference).
    var weight: Int32
  }

  init(_ context: OperatorContext) throws(ModelError) {
    let g = try ResizeGeometry(context)
    // float32 inputs take the float plan; int32 ones stop here.
    guard g.elementBytes == 1 else {
      throw context.invalid("input must be int8 or float32, is \(try context.input(0).type)")
    }
    (batches, inputHeight, inputWidth, depth) = (g.batches, g.inputHeight, g.inputWidth, g.depth)
    (outputHeight, outputWidth) = (g.outputHeight, g.outputWidth)
    let rowStride = g.inputWidth * g.depth
    rows = g.fixedPointInterpolation(input: g.inputHeight, output: g.outputHeight).map {
      Sample(lower: $0.lower * rowStride, upper: $0.upper * rowStride, weight: $0.position - Int32($0.lower) * 1024)
    }
    columns = g.fixedPointInterpolation(input: g.inputWidth, output: g.outputWidth).map {
      Sample(lower: $0.lower * g.depth, upper: $0.upper * g.depth, weight: $0.position - Int32($0.lower) * 1024)
    }
  }
}

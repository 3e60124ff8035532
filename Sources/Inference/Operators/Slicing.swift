/// SLICE, SPLIT, SPLIT_V and UNPACK: each output is a box of the input, copied by a `CopyMap`. Outputs share
/// the input's quantization, or are float32 as it is (the reference kernels copy bytes).
extension CopyPlan {
  /// SLICE: inputs (data, begin, size); a size of -1 takes the rest of the dimension.
  init(slice context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 3...3, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    let width = try context.movedElementBytes(input, output)
    let begin = try context.constantInts(try context.input(1), "begin")
    var size = try context.constantInts(try context.input(2), "size")
    let shape = input.shape
    guard shape.count <= 5, begin.count == shape.count, size.count == shape.count else {
      throw context.invalid("begin and size must have one entry per input dimension (at most 5)")
    }
    for d in shape.indices {
      if size[d] == -1 { size[d] = shape[d] - begin[d] }
      guard begin[d] >= 0, size[d] >= 0, begin[d] + size[d] <= shape[d] else {
        throw context.invalid("dimension \(d): begin \(begin[d]) and size \(size[d]) exceed extent \(shape[d])")
      }
    }
    guard output.shape == size else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(size))")
    }
    self.init(input: 0, maps: [CopyMap(box: begin, size: size, of: shape, width: width)])
  }

  /// SPLIT: inputs (axis, data); `count` equal parts along the axis.
  init(split context: OperatorContext) throws(ModelError) {
    guard case .split(let count) = context.op.options else { throw context.invalid("missing SplitOptions") }
    try context.expectCounts(inputs: 2...2, outputs: count)
    let input = try context.input(1)
    let axis = try Self.axis(context, try context.input(0), rank: input.shape.count)
    guard input.shape[axis] % count == 0 else {
      throw context.invalid("extent \(input.shape[axis]) of axis \(axis) does not split into \(count) parts")
    }
    let sizes = [Int](repeating: input.shape[axis] / count, count: count)
    try self.init(parts: context, input: 1, axis: axis, sizes: sizes, dropAxis: false)
  }

  /// SPLIT_V: inputs (data, size_splits, axis); at most one size is -1, meaning whatever the others leave.
  init(splitV context: OperatorContext) throws(ModelError) {
    guard case .split(let count) = context.op.options else { throw context.invalid("missing SplitVOptions") }
    try context.expectCounts(inputs: 3...3, outputs: count)
    let input = try context.input(0)
    let axis = try Self.axis(context, try context.input(2), rank: input.shape.count)
    var sizes = try context.constantInts(try context.input(1), "size_splits")
    guard sizes.count == count, sizes.allSatisfy({ $0 >= -1 }), sizes.filter({ $0 == -1 }).count <= 1 else {
      throw context.invalid("size_splits must be \(count) non-negative sizes, at most one of them -1")
    }
    let known = sizes.filter { $0 >= 0 }.reduce(0, +)
    if let unknown = sizes.firstIndex(of: -1) { sizes[unknown] = input.shape[axis] - known }
    guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == input.shape[axis] else {
      throw context.invalid("size_splits do not add up to extent \(input.shape[axis]) of axis \(axis)")
    }
    try self.init(parts: context, input: 0, axis: axis, sizes: sizes, dropAxis: false)
  }

  /// UNPACK: input 0 split into `count` slices of extent 1 along the axis, which the outputs drop.
  init(unpack context: OperatorContext) throws(ModelError) {
    guard case .unpack(let count, let axis) = context.op.options else {
      throw context.invalid("missing UnpackOptions")
    }
    try context.expectCounts(inputs: 1...1, outputs: count)
    let input = try context.input(0)
    let rank = input.shape.count
    guard axis >= -rank, axis < rank else { throw context.invalid("axis \(axis) is out of range for rank \(rank)") }
    let resolved = axis < 0 ? axis + rank : axis
    guard input.shape[resolved] == count else {
      throw context.invalid("axis \(resolved) has extent \(input.shape[resolved]), not num \(count)")
    }
    try self.init(
      parts: context, input: 0, axis: resolved, sizes: [Int](repeating: 1, count: count), dropAxis: true)
  }

  /// Consecutive parts of `sizes` along `axis`, one per output.
  private init(parts context: OperatorContext, input position: Int, axis: Int, sizes: [Int], dropAxis: Bool)
    throws(ModelError)
  {
    let input = try context.input(position)
    guard input.shape.count <= CopyMap.maximumRank, input.shape.allSatisfy({ $0 >= 0 }) else {
      throw context.invalid("input shape \(shapeText(input.shape)) is not supported (at most 6 dimensions)")
    }
    var maps: [CopyMap] = []
    var start = 0
    for (i, size) in sizes.enumerated() {
      let output = try context.output(i)
      let width = try context.movedElementBytes(input, output)
      var begin = [Int](repeating: 0, count: input.shape.count)
      begin[axis] = start
      var box = input.shape
      box[axis] = size
      var expected = box
      if dropAxis { expected.remove(at: axis) }
      guard output.shape == expected else {
        throw context.invalid("output \(i) shape \(shapeText(output.shape)) should be \(shapeText(expected))")
      }
      maps.append(CopyMap(box: begin, size: box, of: input.shape, width: width))
      start += size
    }
    self.init(input: position, maps: maps)
  }

  /// A constant scalar axis, negative counting from the end, resolved against `rank`.
  private static func axis(_ context: OperatorContext, _ tensor: Tensor, rank: Int) throws(ModelError) -> Int {
    let values = try context.constantInts(tensor, "axis")
    guard values.count == 1, values[0] >= -rank, values[0] < rank else {
      throw context.invalid("axis must be one value in \(-rank)..<\(rank)")
    }
    return values[0] < 0 ? values[0] + rank : values[0]
  }
}

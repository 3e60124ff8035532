/// CONCATENATION, int8 (or int32 shape tensors, evaluated at load): all inputs share the output's
/// quantization (TFLite's int8 kernel refuses rescaling), so it is a sequence of copies. `outer` runs over the
/// dimensions before the axis; each input contributes a contiguous run of `inner[i]` bytes per outer step.
struct ConcatenationPlan: Sendable {
  var outer: Int
  var inner: [Int]

  init(outer: Int, inner: [Int]) {
    self.outer = outer
    self.inner = inner
  }

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 1...1024, outputs: 1)
    guard case .concatenation(let axis, let activation) = context.op.options else {
      throw context.invalid("missing ConcatenationOptions")
    }
    guard activation == .none else { throw context.invalid("fused activation \(activation) is not supported") }
    let output = try context.output(0)
    let rank = output.shape.count
    guard axis >= -rank, axis < rank else { throw context.invalid("axis \(axis) is out of range for rank \(rank)") }
    let resolved = axis < 0 ? axis + rank : axis
    outer = output.shape[..<resolved].reduce(1, *)
    var inner: [Int] = []
    var total = 0
    for i in 0..<context.op.inputs.count {
      let input = try context.input(i)
      let width = try context.movedElementBytes(input, output)
      guard input.shape.count == rank,
        (0..<rank).allSatisfy({ $0 == resolved || input.shape[$0] == output.shape[$0] })
      else {
        throw context.invalid("input \(i) shape \(shapeText(input.shape)) does not fit \(shapeText(output.shape))")
      }
      inner.append(input.shape[resolved...].reduce(1, *) * width)
      total += input.shape[resolved]
    }
    guard total == output.shape[resolved] else {
      throw context.invalid("inputs add up to \(total) along axis \(resolved), output has \(output.shape[resolved])")
    }
    self.inner = inner
  }
}

/// PAD and PADV2, int8 or float32. PAD pads with zero (int8: the output zero point, the quantized 0); PADV2
/// with its constant third input, which for int8 must share the output's quantization (the reference copies
/// its byte). Paddings are constant, [rank, 2].
struct PadPlan: Sendable {
  /// Input and output shapes as at most 6 dimensions, the last one in bytes, after merging every unpadded
  /// dimension into the one before it (so a pad of H and W copies whole rows of W * C elements); and the
  /// leading padding of each dimension, in the same units.
  var inputShape: [Int]
  var outputShape: [Int]
  var before: [Int]
  /// The pad value's bytes (little-endian): one for int8, four for float32.
  var padValue: UInt32
  var elementBytes: Int

  init(_ context: OperatorContext, constantValue: Bool = false) throws(ModelError) {
    try context.expectCounts(inputs: constantValue ? 3...3 : 2...2, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    elementBytes = try context.movedElementBytes(input, output)
    let paddings = try context.constantInts(try context.input(1), "paddings")
    let rank = input.shape.count
    guard rank <= 6, paddings.count == 2 * rank, paddings.allSatisfy({ $0 >= 0 }) else {
      throw context.invalid("paddings must be \(rank) non-negative pairs (at most 6)")
    }
    let expected = (0..<rank).map { (d: Int) -> Int in input.shape[d] + paddings[2 * d] + paddings[2 * d + 1] }
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
    if elementBytes == 4 {
      padValue = 0
      if constantValue {
        let value = try context.constantFloats(try context.input(2), "constant value")
        guard value.count == 1, let first = value.first else {
          throw context.invalid("constant value must be one value")
        }
        padValue = first.bitPattern
      }
    } else {
      padValue = UInt32(
        UInt8(bitPattern: Int8(truncatingIfNeeded: try context.int8Parameters(output, "output").zeroPoint)))
      if constantValue {
        let value = try context.input(2)
        try context.expectSameQuantization(value, output)
        let bytes = try context.constantInt8(value, "constant value")
        guard bytes.count == 1, let byte = bytes.first else {
          throw context.invalid("constant value must be one value")
        }
        padValue = UInt32(byte)
      }
    }
    var inputShape: [Int] = [input.shape.first ?? 1]
    var outputShape: [Int] = [expected.first ?? 1]
    var before: [Int] = [paddings.first ?? 0]
    for d in 1..<max(rank, 1) {
      if paddings[2 * d] == 0 && paddings[2 * d + 1] == 0 {
        inputShape[inputShape.count - 1] *= input.shape[d]
        outputShape[outputShape.count - 1] *= input.shape[d]
        before[before.count - 1] *= input.shape[d]
      } else {
        inputShape.append(input.shape[d])
        outputShape.append(expected[d])
        before.append(paddings[2 * d])
      }
    }
    let lead = 6 - inputShape.count
    self.inputShape = [Int](repeating: 1, count: lead) + inputShape
    self.outputShape = [Int](repeating: 1, count: lead) + outputShape
    self.before = [Int](repeating: 0, count: lead) + before
    self.inputShape[5] *= elementBytes
    self.outputShape[5] *= elementBytes
    self.before[5] *= elementBytes
  }
}

/// RESHAPE, SQUEEZE and EXPAND_DIMS: the output aliases the input; only shapes and quantization are checked.
/// RESHAPE's shape input, when present, must be known at load (a constant, or computed from shapes and
/// constants by `ConstantFolding`) and, with its one -1 resolved, give the output's shape; EXPAND_DIMS's
/// constant axis must be where the output has its new dimension of 1.
struct ReshapePlan: Sendable {
  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 1...2, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    guard input.type == output.type, input.elementCount == output.elementCount else {
      throw context.invalid("\(shapeText(input.shape)) cannot become \(shapeText(output.shape))")
    }
    if input.type == .int8 { try context.expectSameQuantization(input, output) }
    if context.op.kind == .reshape, let shapeTensor = try context.optionalInput(1) {
      guard shapeTensor.data != nil else {
        throw context.invalid("shape \"\(shapeTensor.name)\" is computed at run time, not from shapes and constants")
      }
      let shape = Self.resolving(try context.constantInts(shapeTensor, "shape"), elementCount: input.elementCount)
      guard shape == output.shape else {
        throw context.invalid("shape input gives \(shapeText(shape)), output is \(shapeText(output.shape))")
      }
    }
    if context.op.kind == .expandDims {
      let axes = try context.constantInts(try context.input(1), "axis")
      guard axes.count == 1, let first = axes.first else { throw context.invalid("axis must be one value") }
      let axis = try context.resolvedAxis(first, rank: input.shape.count + 1)
      var expanded = input.shape
      expanded.insert(1, at: axis)
      guard expanded == output.shape else {
        throw context.invalid("axis \(first) gives \(shapeText(expanded)), output is \(shapeText(output.shape))")
      }
    }
  }

  /// `shape` with its -1 (if any) replaced by what makes it hold `elementCount` elements.
  static func resolving(_ shape: [Int], elementCount: Int) -> [Int] {
    guard let stretch = shape.firstIndex(of: -1) else { return shape }
    let known = shape.enumerated().reduce(1) { $0 * ($1.offset == stretch ? 1 : $1.element) }
    var resolved = shape
    if known > 0 { resolved[stretch] = elementCount / known }
    return resolved
  }
}

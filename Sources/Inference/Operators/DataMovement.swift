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

/// PAD and PADV2, int8: PAD pads with the output zero point (the quantized 0), PADV2 with its constant third
/// input, which must share the output's quantization (the reference copies its byte). Paddings are constant,
/// [rank, 2].
struct PadPlan: Sendable {
  /// Input and output shapes padded to 6 dimensions, and the leading padding per dimension.
  var inputShape: [Int]
  var outputShape: [Int]
  var before: [Int]
  var padValue: Int8

  init(_ context: OperatorContext, constantValue: Bool = false) throws(ModelError) {
    try context.expectCounts(inputs: constantValue ? 3...3 : 2...2, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    try context.expectSameQuantization(input, output)
    let paddings = try context.constantInts(try context.input(1), "paddings")
    let rank = input.shape.count
    guard rank <= 6, paddings.count == 2 * rank, paddings.allSatisfy({ $0 >= 0 }) else {
      throw context.invalid("paddings must be \(rank) non-negative pairs")
    }
    var expected: [Int] = []
    for d in 0..<rank {
      let size: Int = input.shape[d] + paddings[2 * d] + paddings[2 * d + 1]
      expected.append(size)
    }
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
    let lead = 6 - rank
    inputShape = [Int](repeating: 1, count: lead) + input.shape
    outputShape = [Int](repeating: 1, count: lead) + expected
    before = [Int](repeating: 0, count: lead) + (0..<rank).map { paddings[2 * $0] }
    padValue = Int8(truncatingIfNeeded: try context.int8Parameters(output, "output").zeroPoint)
    if constantValue {
      let value = try context.input(2)
      try context.expectSameQuantization(value, output)
      let bytes = try context.constantInt8(value, "constant value")
      guard bytes.count == 1, let byte = bytes.first else { throw context.invalid("constant value must be one value") }
      padValue = Int8(bitPattern: byte)
    }
  }
}

/// RESHAPE and SQUEEZE: the output aliases the input; only shapes and quantization are checked. RESHAPE's
/// shape input, when present, must be known at load (a constant, or computed from shapes and constants by
/// `ConstantFolding`) and, with its one -1 resolved, give the output's shape.
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

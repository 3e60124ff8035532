extension OperatorContext {
  /// For operators that move elements without changing them (STRIDED_SLICE, GATHER, PACK, CONCATENATION):
  /// checks `input` and `output` hold the same kind of values, int8 with identical quantization or int32 (shape
  /// tensors, evaluated at load), and returns the bytes per element.
  func movedElementBytes(_ input: Tensor, _ output: Tensor) throws(ModelError) -> Int {
    guard input.type == output.type else {
      throw invalid("input \"\(input.name)\" is \(input.type), output \"\(output.name)\" is \(output.type)")
    }
    switch input.type {
    case .int8:
      try expectSameQuantization(input, output)
      return 1
    case .int32: return 4
    default: throw invalid("\(input.type) data is not supported (int8, or int32 shape tensors)")
    }
  }

  /// For operators that copy bytes (TRANSPOSE, SLICE, SPLIT, SPLIT_V, UNPACK, DEPTH_TO_SPACE, SPACE_TO_DEPTH,
  /// MIRROR_PAD, RESIZE_NEAREST_NEIGHBOR), which also run inside float islands: checks `input` and `output` are
  /// both int8 with identical quantization or both float32, and returns the bytes per element.
  func copiedElementBytes(_ input: Tensor, _ output: Tensor) throws(ModelError) -> Int {
    if input.type == .float32 || output.type == .float32 {
      try expectFloat(input, "input")
      try expectFloat(output, "output")
      return 4
    }
    try expectSameQuantization(input, output)
    return 1
  }

  /// An axis in `-rank..<rank`, made non-negative.
  func resolvedAxis(_ axis: Int, rank: Int, _ role: String = "axis") throws(ModelError) -> Int {
    guard axis >= -rank, axis < rank else { throw invalid("\(role) \(axis) is out of range for rank \(rank)") }
    return axis < 0 ? axis + rank : axis
  }
}

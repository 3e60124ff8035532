extension OperatorContext {
  /// For operators that move elements without changing them (TRANSPOSE, SLICE, SPLIT, SPLIT_V, UNPACK,
  /// STRIDED_SLICE, GATHER, PACK, CONCATENATION, PAD, PADV2, MIRROR_PAD, DEPTH_TO_SPACE, SPACE_TO_DEPTH,
  /// SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND, RESIZE_NEAREST_NEIGHBOR): checks `input` and `output` hold the same
  /// kind of values, int8 with identical quantization, float32 (inside float islands) or int32 (shape tensors,
  /// evaluated at load), and returns the bytes per element.
  func movedElementBytes(_ input: Tensor, _ output: Tensor) throws(ModelError) -> Int {
    guard input.type == output.type else {
      throw invalid("input \"\(input.name)\" is \(input.type), output \"\(output.name)\" is \(output.type)")
    }
    switch input.type {
    case .int8:
      try expectSameQuantization(input, output)
      return 1
    case .int32, .float32: return 4
    default: throw invalid("\(input.type) data is not supported (int8, float32, or int32 shape tensors)")
    }
  }

  /// An axis in `-rank..<rank`, made non-negative.
  func resolvedAxis(_ axis: Int, rank: Int, _ role: String = "axis") throws(ModelError) -> Int {
    guard axis >= -rank, axis < rank else { throw invalid("\(role) \(axis) is out of range for rank \(rank)") }
    return axis < 0 ? axis + rank : axis
  }
}

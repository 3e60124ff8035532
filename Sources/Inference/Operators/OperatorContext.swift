/// What an operator's prepare step sees: the model, the operator's position, and checked access to its
/// tensors. Every failure names the operator, so that load-time errors point at the node at fault.
struct OperatorContext {
  let model: Model
  let index: Int

  var op: Operator { model.operators[index] }

  func invalid(_ reason: String) -> ModelError {
    .invalidOperator(index: index, name: op.kind.name, reason: reason)
  }

  func expectCounts(inputs: ClosedRange<Int>, outputs: Int) throws(ModelError) {
    guard inputs.contains(op.inputs.count) else {
      throw invalid("expects \(inputs.lowerBound)...\(inputs.upperBound) inputs, has \(op.inputs.count)")
    }
    guard op.outputs.count == outputs else { throw invalid("expects \(outputs) outputs, has \(op.outputs.count)") }
  }

  func tensorIndex(input position: Int) throws(ModelError) -> Int {
    guard position < op.inputs.count, op.inputs[position] >= 0, op.inputs[position] < model.tensors.count else {
      throw invalid("input \(position) is missing")
    }
    return op.inputs[position]
  }

  func input(_ position: Int) throws(ModelError) -> Tensor { model.tensors[try tensorIndex(input: position)] }

  /// An optional input (such as a bias): `nil` when omitted (`-1`) or absent.
  func optionalInput(_ position: Int) throws(ModelError) -> Tensor? {
    guard position < op.inputs.count, op.inputs[position] >= 0 else { return nil }
    return try input(position)
  }

  func output(_ position: Int) throws(ModelError) -> Tensor {
    guard position < op.outputs.count, op.outputs[position] >= 0, op.outputs[position] < model.tensors.count
    else { throw invalid("output \(position) is missing") }
    return model.tensors[op.outputs[position]]
  }

  /// Checks `tensor` is int8 with per-tensor affine quantization and a usable scale.
  func int8Parameters(_ tensor: Tensor, _ role: String) throws(ModelError) -> (scale: Float, zeroPoint: Int32) {
    guard tensor.type == .int8 else { throw invalid("\(role) must be int8, is \(tensor.type)") }
    return try perTensorParameters(tensor, role)
  }

  func perTensorParameters(_ tensor: Tensor, _ role: String) throws(ModelError) -> (scale: Float, zeroPoint: Int32) {
    guard let q = tensor.quantization, q.scales.count == 1, q.zeroPoints.count == 1 else {
      throw invalid("\(role) \"\(tensor.name)\" needs per-tensor quantization")
    }
    let scale = q.scales[0]
    guard scale.isFinite, scale > 0 else { throw invalid("\(role) \"\(tensor.name)\" has scale \(scale)") }
    guard (-128...127).contains(q.zeroPoints[0]) || tensor.type != .int8 else {
      throw invalid("\(role) \"\(tensor.name)\" has zero point \(q.zeroPoints[0])")
    }
    return (scale, q.zeroPoints[0])
  }

  /// TFLite's `QuantizeMultiplier` of `real`, refused when it cannot be represented: scales whose product or
  /// quotient (in Float, as the reference computes some) overflows to infinity, or a multiplier of 2^31 or more,
  /// which the reference's int32 left shift would overflow. `what` names the multiplier in the error.
  func multiplier(_ real: Double, _ what: String) throws(ModelError) -> QuantizedMultiplier {
    guard real.isFinite, real >= 0, real < 0x1p31 else {
      throw invalid("\(what) multiplier \(real) is out of range: the tensors' scales are too far apart")
    }
    return QuantizedMultiplier(real)
  }

  /// Checks the fused activation is one the int8 kernels implement and returns its clamp range.
  func activation(
    _ activation: FusedActivation, output: (scale: Float, zeroPoint: Int32)
  ) throws(ModelError) -> ClosedRange<Int32> {
    guard let range = activationRange(activation, scale: output.scale, zeroPoint: output.zeroPoint) else {
      throw invalid("fused activation \(activation) is not supported")
    }
    return range
  }

  func constantBytes(_ tensor: Tensor, _ role: String) throws(ModelError) -> ArraySlice<UInt8> {
    guard let range = tensor.data else { throw invalid("\(role) \"\(tensor.name)\" must be constant") }
    guard range.lowerBound >= 0, range.upperBound <= model.bytes.count, range.count == tensor.byteCount else {
      throw invalid("\(role) \"\(tensor.name)\" has \(range.count) bytes, shape needs \(tensor.byteCount)")
    }
    return model.bytes[range]
  }

  /// A constant int8 tensor's bytes: a slice sharing the model's storage, so plans that keep it copy nothing.
  func constantInt8(_ tensor: Tensor, _ role: String) throws(ModelError) -> ArraySlice<UInt8> {
    guard tensor.type == .int8 else { throw invalid("\(role) must be int8, is \(tensor.type)") }
    return try constantBytes(tensor, role)
  }

  /// A constant int32 (or int64, narrowed when it fits) vector, little-endian.
  func constantInts(_ tensor: Tensor, _ role: String) throws(ModelError) -> [Int] {
    let bytes = Array(try constantBytes(tensor, role))
    switch tensor.type {
    case .int32:
      return stride(from: 0, to: bytes.count, by: 4).map { i in
        var value: UInt32 = 0
        for b in 0..<4 { value |= UInt32(bytes[i + b]) << UInt32(8 * b) }
        return Int(Int32(bitPattern: value))
      }
    case .int64:
      return stride(from: 0, to: bytes.count, by: 8).map { i in
        var value: UInt64 = 0
        for b in 0..<8 { value |= UInt64(bytes[i + b]) << UInt64(8 * b) }
        return Int(truncatingIfNeeded: Int64(bitPattern: value))
      }
    default: throw invalid("\(role) must be int32, is \(tensor.type)")
    }
  }

  /// Checks two tensors hold identical quantized values (same scale and zero point), for data-movement ops.
  func expectSameQuantization(_ a: Tensor, _ b: Tensor) throws(ModelError) {
    let pa = try int8Parameters(a, "input")
    let pb = try int8Parameters(b, "output")
    guard pa.scale == pb.scale, pa.zeroPoint == pb.zeroPoint else {
      throw invalid(
        "input and output quantization differ (\(pa.scale), \(pa.zeroPoint) vs \(pb.scale), \(pb.zeroPoint))")
    }
  }

  func expectRank(_ tensor: Tensor, _ rank: Int, _ role: String) throws(ModelError) {
    guard tensor.shape.count == rank, tensor.shape.allSatisfy({ $0 > 0 }) else {
      throw invalid(
        "\(role) \"\(tensor.name)\" must have rank \(rank) with positive dimensions, has \(shapeText(tensor.shape))")
    }
  }
}

extension ElementType: CustomStringConvertible {
  public var description: String {
    switch self {
    case .float32: "float32"
    case .float16: "float16"
    case .int32: "int32"
    case .uint8: "uint8"
    case .int64: "int64"
    case .string: "string"
    case .bool: "bool"
    case .int16: "int16"
    case .complex64: "complex64"
    case .int8: "int8"
    case .float64: "float64"
    }
  }
}

extension FusedActivation: CustomStringConvertible {
  public var description: String {
    switch self {
    case .none: "NONE"
    case .relu: "RELU"
    case .reluN1To1: "RELU_N1_TO_1"
    case .relu6: "RELU6"
    case .tanh: "TANH"
    case .signBit: "SIGN_BIT"
    }
  }
}

/// `[1, 224, 224, 3]`, without reflection (Embedded Swift has none).
func shapeText(_ shape: [Int]) -> String {
  "[" + shape.map { String($0) }.joined(separator: ", ") + "]"
}

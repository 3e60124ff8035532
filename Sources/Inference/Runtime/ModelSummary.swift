/// What `edgediag model inspect` prints: operators with counts, the inputs and outputs, tensors with shapes and quantization, and
/// the interpreter's MACs, packed weight bytes and arena bytes.
public struct ModelSummary: Sendable {
  public var operatorCounts: [(name: String, count: Int)]
  public var tensors: [Tensor]
  /// The model's input and output tensor indices, in order.
  public var inputs: [Int]
  public var outputs: [Int]
  /// Operators evaluated at load (shape chains): they do nothing at run time.
  public var foldedOperators: Int
  public var macs: Int
  public var weightBytes: Int
  public var arenaBytes: Int

  public init(interpreter: Interpreter) {
    var counts: [(name: String, count: Int)] = []
    for op in interpreter.model.operators {
      if let i = counts.firstIndex(where: { $0.name == op.kind.name }) {
        counts[i].count += 1
      } else {
        counts.append((op.kind.name, 1))
      }
    }
    operatorCounts = counts
    tensors = interpreter.model.tensors
    inputs = interpreter.model.inputs
    outputs = interpreter.model.outputs
    foldedOperators = interpreter.operatorCount - interpreter.steps.count
    macs = interpreter.macs
    weightBytes = interpreter.weightBytes
    arenaBytes = interpreter.arenaBytes
  }

  /// One line per fact; tensors as `index name type[shape] scale=… zero_point=…` (per-channel: the count).
  public var text: String {
    var lines = ["operators:"]
    for (name, count) in operatorCounts { lines.append("  \(name) x\(count)") }
    if foldedOperators > 0 { lines.append("  (\(foldedOperators) evaluated at load: shapes and constants)") }
    for (label, list) in [("inputs:", inputs), ("outputs:", outputs)] {
      lines.append(label)
      for index in list {
        lines.append("  \(index) \(tensors[index].name) \(tensors[index].type)\(shapeText(tensors[index].shape))")
      }
    }
    lines.append("tensors:")
    for (index, tensor) in tensors.enumerated() {
      var line = "  \(index) \(tensor.name) \(tensor.type)\(shapeText(tensor.shape))"
      if let q = tensor.quantization {
        line +=
          q.isPerTensor
          ? " scale=\(q.scales[0]) zero_point=\(q.zeroPoints.first ?? 0)"
          : " per-channel(\(q.scales.count), dimension \(q.dimension))"
      }
      if tensor.data != nil { line += " constant" }
      lines.append(line)
    }
    lines.append("macs: \(macs)")
    lines.append("weight bytes: \(weightBytes)")
    lines.append("arena bytes: \(arenaBytes)")
    return lines.joined(separator: "\n")
  }
}

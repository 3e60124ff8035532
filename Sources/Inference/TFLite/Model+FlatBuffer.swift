extension Model {
  /// Reads and validates a TFLite model (a `.tflite` flatbuffer, schema version 3): the first subgraph's
  /// tensors, operators, inputs and outputs, and the model's description. Constant tensors refer to their bytes
  /// inside `bytes`, which the model keeps without copying.
  ///
  /// Every offset, vector and string is bounds-checked, so arbitrary bytes throw rather than trap. Beyond the
  /// file's structure this checks what the engine relies on: shapes and element counts, constant data sizes,
  /// quantization of int8/int16 tensors, tensor indices, operator codes and versions
  /// (`BuiltinOperator.highestSupportedVersion`) and operator options. Each error names the tensor or operator.
  public init(flatbuffer bytes: [UInt8]) throws(ModelError) {
    self = try TFLiteReader(FlatBuffer(bytes)).model()
  }
}

/// The walk from the root table down to the first subgraph. Other subgraphs are never read: the operators
/// that would call them (CALL, IF, WHILE…) are unsupported.
struct TFLiteReader {
  let buffer: FlatBuffer
  let root: FlatTable

  init(_ buffer: FlatBuffer) throws(ModelError) {
    let bytes = buffer.bytes
    guard bytes.count >= 8 else { throw .notAFlatbuffer(reason: "the file has only \(bytes.count) bytes") }
    guard bytes[4..<8].elementsEqual(Schema.fileIdentifier) else {
      throw .notAFlatbuffer(reason: "the file identifier is not \"TFL3\"")
    }
    let rootOffset = buffer.uint32(at: 0)
    guard let rootPosition = Int(exactly: rootOffset), rootPosition >= 8, buffer.end(of: 4, at: rootPosition) != nil
    else { throw .notAFlatbuffer(reason: "the root offset \(rootOffset) lies outside the \(bytes.count)-byte file") }
    self.buffer = buffer
    root = try buffer.table(at: rootPosition, "the model table")
  }

  func model() throws(ModelError) -> Model {
    let version = try root.uint32(Schema.Model.version, "the schema version")
    guard version == Schema.version else {
      throw .notAFlatbuffer(reason: "schema version \(version), expected \(Schema.version)")
    }
    guard let subgraphs = try root.vector(Schema.Model.subgraphs, elementSize: 4, "the subgraph list"),
      subgraphs.count > 0
    else { throw .malformed(what: "the model has no subgraph") }
    let subgraph = try subgraphs.table(0, "subgraph 0")

    let tensors = try self.tensors(of: subgraph)
    let operators = try self.operators(of: subgraph, tensors: tensors)
    let inputs = try tensorIndices(subgraph, Schema.SubGraph.inputs, "input", tensorCount: tensors.count)
    let outputs = try tensorIndices(subgraph, Schema.SubGraph.outputs, "output", tensorCount: tensors.count)
    guard !outputs.isEmpty else { throw .malformed(what: "the subgraph has no outputs") }
    let description = try root.string(Schema.Model.description, "the model description") ?? ""
    return Model(
      bytes: buffer.bytes, tensors: tensors, operators: operators, inputs: inputs, outputs: outputs,
      description: description)
  }

  /// The subgraph's input or output list, each index naming one of its tensors.
  private func tensorIndices(_ subgraph: FlatTable, _ field: Int, _ role: String, tensorCount: Int)
    throws(ModelError) -> [Int]
  {
    let indices = try subgraph.ints(field, "the subgraph's \(role) list")
    for (position, index) in indices.enumerated() where !(0..<tensorCount).contains(index) {
      throw .malformed(
        what: "subgraph \(role) \(position) refers to tensor \(index), but the subgraph has \(tensorCount) tensors")
    }
    return indices
  }
}

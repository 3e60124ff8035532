extension TFLiteReader {
  /// Tensors take at most 2^31 - 1 bytes, so that sizes and offsets derived from shapes never overflow later.
  static let maximumTensorBytes = Int(Int32.max)

  /// The subgraph's tensors, each with its shape, data and quantization checked.
  func tensors(of subgraph: FlatTable) throws(ModelError) -> [Tensor] {
    guard let list = try subgraph.vector(Schema.SubGraph.tensors, elementSize: 4, "the tensor list") else {
      return []
    }
    let buffers = try root.vector(Schema.Model.buffers, elementSize: 4, "the buffer list")
    var tensors: [Tensor] = []
    tensors.reserveCapacity(list.count)
    for index in 0..<list.count {
      tensors.append(try tensor(index, list.table(index, "tensor \(index)"), buffers: buffers))
    }
    return tensors
  }

  private func tensor(_ index: Int, _ table: FlatTable, buffers: FlatVector?) throws(ModelError) -> Tensor {
    let name = try table.string(Schema.Tensor.name, "tensor \(index)'s name") ?? ""
    let label = "tensor \(index) \"\(name)\""
    func invalid(_ reason: String) -> ModelError { .invalidTensor(index: index, name: name, reason: reason) }

    let rawType = try table.int8(Schema.Tensor.type, "\(label) type")
    guard let type = ElementType(rawValue: rawType) else { throw invalid("unsupported element type \(rawType)") }
    guard let byteWidth = type.byteWidth else { throw invalid("string tensors are not supported") }
    if try table.position(of: Schema.Tensor.sparsity, size: 4, "\(label) sparsity") != nil {
      throw invalid("sparse tensors are not supported")
    }

    let shape = try table.ints(Schema.Tensor.shape, "\(label) shape")
    var byteCount = byteWidth
    for dimension in shape {
      guard dimension >= 0 else { throw invalid("shape \(Self.describe(shape)) has a negative dimension") }
      guard case (let product, false) = byteCount.multipliedReportingOverflow(by: dimension),
        product <= Self.maximumTensorBytes
      else { throw invalid("shape \(Self.describe(shape)) needs more than \(Self.maximumTensorBytes) bytes") }
      byteCount = product
    }

    let bufferIndex = try table.uint32(Schema.Tensor.buffer, "\(label) buffer index")
    let data = try constantData(buffer: bufferIndex, buffers: buffers, invalid: invalid)
    if let data, data.count != byteCount {
      throw invalid(
        "shape \(Self.describe(shape)) of \(type.schemaName) needs \(byteCount) bytes, buffer \(bufferIndex) has \(data.count)"
      )
    }

    let quantization = try self.quantization(of: table, tensor: index, name: name, type: type, shape: shape)
    return Tensor(name: name, type: type, shape: shape, quantization: quantization, data: data)
  }

  /// The bytes of buffer `index`: its inline `data` vector, or for models over 2 GB its `offset` and `size`
  /// (valid only when offset > 1) counted from the start of the file. Buffer 0 is the schema's empty sentinel.
  private func constantData(buffer index: UInt32, buffers: FlatVector?, invalid: (String) -> ModelError)
    throws(ModelError) -> Range<Int>?
  {
    if index == 0 { return nil }
    guard let buffers, let position = Int(exactly: index), position < buffers.count else {
      throw invalid("buffer \(index) does not exist (the model has \(buffers?.count ?? 0) buffers)")
    }
    let table = try buffers.table(position, "buffer \(index)")
    let data = try table.vector(Schema.Buffer.data, elementSize: 1, "buffer \(index) data")
    let offset = try table.uint64(Schema.Buffer.offset, "buffer \(index) offset")
    if let data, data.count > 0 {
      guard offset <= 1 else { throw .malformed(what: "buffer \(index) has both inline data and an offset") }
      return data.byteRange
    }
    guard offset > 1 else { return nil }
    let size = try table.uint64(Schema.Buffer.size, "buffer \(index) size")
    guard let start = Int(exactly: offset), let count = Int(exactly: size), let end = buffer.end(of: count, at: start)
    else { throw .outOfBounds(what: "buffer \(index) data (\(size) bytes at offset \(offset))") }
    return count == 0 ? nil : start..<end
  }
}

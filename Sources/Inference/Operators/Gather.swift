/// GATHER, int8 data or int32 shape tensors, with constant int32 or int64 indices (checked in range at
/// prepare, where TFLite's kernel fails at run time). As TFLite's reference `Gather`: with `batchDimensions`
/// leading dimensions shared by input and indices, output = input[..., indices[...], ...] along `axis`, of
/// shape input[..<axis] + indices[batchDimensions...] + input[(axis + 1)...].
struct GatherPlan: Sendable {
  /// Per output run, in order: the input's element offset it copies from.
  var sources: [Int]
  var runBytes: Int
  var elementBytes: Int

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    guard case .gather(let axisOption, let batchOption) = context.op.options else {
      throw context.invalid("missing GatherOptions")
    }
    let input = try context.input(0)
    let indexTensor = try context.input(1)
    let output = try context.output(0)
    elementBytes = try context.movedElementBytes(input, output)
    let indices = try context.constantInts(indexTensor, "indices")
    let axis = try context.resolvedAxis(axisOption, rank: input.shape.count)
    let indexRank = indexTensor.shape.count
    let batch = batchOption < 0 ? batchOption + indexRank : batchOption
    guard batch >= 0, batch <= indexRank, batch <= axis,
      input.shape[..<batch].elementsEqual(indexTensor.shape[..<batch])
    else { throw context.invalid("batch dimensions \(batchOption) do not fit axis \(axis) and the indices") }
    let expected = Array(input.shape[..<axis]) + indexTensor.shape[batch...] + input.shape[(axis + 1)...]
    guard output.shape == expected else {
      throw context.invalid("output shape \(shapeText(output.shape)) should be \(shapeText(expected))")
    }
    let batches = input.shape[..<batch].reduce(1, *)
    let outer = input.shape[batch..<axis].reduce(1, *)
    let axisSize = input.shape[axis]
    let inner = input.shape[(axis + 1)...].reduce(1, *)
    let coordinates = indexTensor.shape[batch...].reduce(1, *)
    if let bad = indices.first(where: { !(0..<axisSize).contains($0) }) {
      throw context.invalid("index \(bad) is outside 0..<\(axisSize)")
    }
    var sources: [Int] = []
    sources.reserveCapacity(batches * outer * coordinates)
    for b in 0..<batches {
      for o in 0..<outer {
        for i in 0..<coordinates {
          sources.append(((b * outer + o) * axisSize + indices[b * coordinates + i]) * inner)
        }
      }
    }
    self.sources = sources
    runBytes = inner * elementBytes
  }
}

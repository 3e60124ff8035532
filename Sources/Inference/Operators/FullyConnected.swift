/// FULLY_CONNECTED, int8: input flattened to [batches, depth], filter [units, depth].
struct FullyConnectedPlan: Sendable {
  var batches: Int
  var depth: Int
  var units: Int
  /// The filter as stored, [units][depth]: int8 bytes inside the model's bytes (read by the reference kernel).
  var weights: ArraySlice<UInt8>
  var inputOffset: Int32
  var stage: OutputStage
  var packed: PackedGEMMWeights

  var macs: Int { batches * depth * units }

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...3, outputs: 1)
    guard case .fullyConnected(let options) = context.op.options else {
      throw context.invalid("missing FullyConnectedOptions")
    }
    let input = try context.input(0)
    let filter = try context.input(1)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let outputQ = try context.int8Parameters(output, "output")
    (batches, depth, units) = try context.fullyConnectedGeometry(input: input, filter: filter, output: output)
    guard depth <= 1 << 16 else { throw context.invalid("\(depth) products per output overflow the int32 accumulator") }
    weights = try context.constantInt8(filter, "filter")
    inputOffset = -inputQ.zeroPoint
    stage = try context.outputStage(
      input: inputQ, filter: filter, bias: try context.optionalInput(2), output: outputQ, channels: units,
      dimension: 0, activation: options.activation, roundsInDouble: true)
    packed = PackedGEMMWeights(
      weights: weights, rows: units, depth: depth, stage: stage, inputZeroPoint: inputQ.zeroPoint)
  }
}

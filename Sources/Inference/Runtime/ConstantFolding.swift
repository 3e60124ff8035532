/// Evaluates at load the operators whose results depend only on shapes and constants: the TF converter's
/// dynamic-batch chains (SHAPE → STRIDED_SLICE → PACK → RESHAPE, with GATHER, REDUCE_PROD and CONCATENATION
/// on int32 shape tensors) that Keras `Flatten` and `Reshape` leave when the batch is unknown. Shapes are
/// static here: the reader takes each tensor's `shape`, where the converter writes the declared batch (1 for
/// the -1 of `shape_signature`). So the hot path sees static shapes and the arena is planned once.
///
/// Operators are walked in order; one whose runtime inputs are all constant (SHAPE has none) is prepared and
/// run by the same plan and kernel as at run time, its output bytes are appended to `Model.bytes` and become
/// the output tensor's constant data, and its plan becomes `.folded`. Later operators then see constants.
enum ConstantFolding {
  /// Kinds evaluated at load when their inputs allow: data movement and shape arithmetic, never the
  /// arithmetic of int8 activations.
  static func folds(_ kind: BuiltinOperator) -> Bool {
    switch kind {
    case .shape, .stridedSlice, .pack, .gather, .reduceProd, .concatenation, .reshape, .squeeze: true
    default: false
    }
  }

  /// `model` with the folded operators' outputs made constant, and every operator's plan.
  static func fold(_ model: Model) throws(ModelError) -> (model: Model, plans: [OperatorPlan]) {
    var model = model
    var plans: [OperatorPlan] = []
    plans.reserveCapacity(model.operators.count)
    for (index, op) in model.operators.enumerated() {
      if let output = op.outputs.first, let shape = resolvedShape(of: op, index: index, in: model) {
        model.tensors[output].shape = shape
      }
      let plan = try OperatorPlan(model: model, index: index)
      let inputs = plan.runtimeInputs(of: op).map { model.tensors[op.inputs[$0]] }
      guard folds(op.kind), inputs.allSatisfy({ $0.data != nil }), let output = op.outputs.first else {
        plans.append(plan)
        continue
      }
      let bytes = evaluate(plan, inputs: inputs, output: model.tensors[output], in: model)
      let start = model.bytes.count
      model.bytes += bytes
      model.tensors[output].data = start..<model.bytes.count
      plans.append(.folded)
    }
    return (model, plans)
  }

  /// The output shape of operators whose shape the file may record only as 1s for unknown dimensions (its
  /// `shape_signature` then says -1), as TFLite's prepare resizes them: RESHAPE takes its shape input once that
  /// is constant (the one -1 resolved from the input's element count); FULLY_CONNECTED's rows follow its input;
  /// SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND compute theirs, and convolutions take their input's batch.
  /// Operators after them then check their shapes against the resolved ones.
  private static func resolvedShape(of op: Operator, index: Int, in model: Model) -> [Int]? {
    let context = OperatorContext(model: model, index: index)
    switch op.kind {
    case .reshape:
      guard let input = try? context.input(0), let shapeTensor = try? context.optionalInput(1),
        let shape = try? context.constantInts(shapeTensor, "shape")
      else { return nil }
      let resolved = ReshapePlan.resolving(shape, elementCount: input.elementCount)
      return resolved.allSatisfy({ $0 >= 0 }) ? resolved : nil
    case .fullyConnected:
      guard case .fullyConnected(let options) = op.options, let input = try? context.input(0),
        let weights = try? context.input(1), weights.shape.count == 2, weights.shape[1] > 0
      else { return nil }
      let units = weights.shape[0]
      return options.keepNumDims ? input.shape.dropLast() + [units] : [input.elementCount / weights.shape[1], units]
    case .spaceToBatchND, .batchToSpaceND:
      // A dilated convolution the converter did not fuse: with batch None the file records the batched
      // tensors' batch (block height × width) as 1.
      return try? SpaceBatchPlan.geometry(context, toBatch: op.kind == .spaceToBatchND).outputShape
    case .conv2D, .depthwiseConv2D:
      // The batch follows the input's, resolved above between SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND.
      guard let input = try? context.input(0), let output = try? context.output(0), input.shape.count == 4,
        output.shape.count == 4
      else { return nil }
      return [input.shape[0]] + output.shape.dropFirst()
    default: return nil
    }
  }

  /// Runs `plan` once on copies of its constant inputs (aligned for the kernels' loads).
  private static func evaluate(_ plan: OperatorPlan, inputs: [Tensor], output: Tensor, in model: Model) -> [UInt8] {
    let alignment = ArenaPlanner.alignment
    let buffers = inputs.map { tensor in
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(tensor.byteCount, 1), alignment: alignment)
      if let range = tensor.data {
        model.bytes.withUnsafeBytes { bytes in
          buffer.copyMemory(from: bytes.baseAddress! + range.lowerBound, byteCount: range.count)
        }
      }
      return UnsafeRawPointer(buffer)
    }
    defer { for buffer in buffers { UnsafeMutableRawPointer(mutating: buffer).deallocate() } }
    if case .alias = plan {
      return Array(UnsafeRawBufferPointer(start: buffers[0], count: output.byteCount))
    }
    var result = [UInt8](repeating: 0, count: output.byteCount)
    result.withUnsafeMutableBytes { out in
      buffers.withUnsafeBufferPointer { pointers in
        let outputs = [out.baseAddress!]
        outputs.withUnsafeBufferPointer { outputs in
          plan.eval(inputs: pointers, outputs: outputs, scratch: out.baseAddress!, threads: .serial)
        }
      }
    }
    return result
  }
}

/// One prepared operator: everything its kernel needs, computed and validated at load.
enum OperatorPlan: Sendable {
  case conv2D(Conv2DPlan)
  case depthwiseConv2D(DepthwiseConv2DPlan)
  case fullyConnected(FullyConnectedPlan)
  case pool2D(Pool2DPlan)
  /// MEAN, SUM, REDUCE_MAX, REDUCE_MIN.
  case reduce(ReducePlan)
  case argMinMax(ArgMinMaxPlan)
  case l2Normalization(L2NormalizationPlan)
  case batchMatMul(BatchMatMulPlan)
  case transposeConv(TransposeConvPlan)
  case logSoftmax(LogSoftmaxPlan)
  case elementwise(ElementwisePlan)
  case concatenation(ConcatenationPlan)
  case pad(PadPlan)
  /// RESHAPE, SQUEEZE, EXPAND_DIMS: the output shares the input's bytes.
  case alias
  case softmax(SoftmaxPlan)
  case logistic(LogisticPlan, count: Int)
  case hardSwish(HardSwishPlan)
  case quantize(QuantizePlan)
  /// TRANSPOSE.
  case transpose(TransposePlan)
  /// SLICE, SPLIT, SPLIT_V, UNPACK, DEPTH_TO_SPACE, SPACE_TO_DEPTH, MIRROR_PAD, RESIZE_NEAREST_NEIGHBOR.
  case copy(CopyPlan)
  case resizeBilinear(ResizeBilinearPlan)
  /// SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND.
  case spaceBatch(SpaceBatchPlan)
  /// RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU, TANH, GELU, NEG, RSQRT, ABS, LOG.
  case lookupTable(LookupTablePlan)
  case prelu(PReluPlan)
  /// An operator on float32 tensors (a float island between DEQUANTIZE and QUANTIZE).
  case float(FloatPlan)
  case shape(ShapePlan)
  case stridedSlice(StridedSlicePlan)
  case gather(GatherPlan)
  case reduceProd(ReduceProdPlan)
  /// Evaluated at load by `ConstantFolding`: its output is a constant, nothing runs.
  case folded

  /// Prepares operator `index` of `model`: checks types, shapes, quantization and options, and precomputes.
  init(model: Model, index: Int) throws(ModelError) {
    let context = OperatorContext(model: model, index: index)
    let op = model.operators[index]
    if let plan = try FloatPlan(context) {
      self = .float(plan)
      return
    }
    switch op.kind {
    case .conv2D where DepthwiseConv2DPlan.isGroupedConvolution(context):
      self = .depthwiseConv2D(try DepthwiseConv2DPlan(groupedConvolution: context))
    case .conv2D: self = .conv2D(try Conv2DPlan(context))
    case .depthwiseConv2D: self = .depthwiseConv2D(try DepthwiseConv2DPlan(context))
    case .fullyConnected: self = .fullyConnected(try FullyConnectedPlan(context))
    case .averagePool2D: self = .pool2D(try Pool2DPlan(context, kind: .average))
    case .maxPool2D: self = .pool2D(try Pool2DPlan(context, kind: .max))
    case .mean: self = .reduce(try ReducePlan(context, kind: .mean))
    case .sum: self = .reduce(try ReducePlan(context, kind: .sum))
    case .reduceMax: self = .reduce(try ReducePlan(context, kind: .max))
    case .reduceMin: self = .reduce(try ReducePlan(context, kind: .min))
    case .argMax: self = .argMinMax(try ArgMinMaxPlan(context, isMax: true))
    case .argMin: self = .argMinMax(try ArgMinMaxPlan(context, isMax: false))
    case .l2Normalization: self = .l2Normalization(try L2NormalizationPlan(context))
    case .batchMatMul: self = .batchMatMul(try BatchMatMulPlan(context))
    case .transposeConv: self = .transposeConv(try TransposeConvPlan(context))
    case .add: self = .elementwise(try ElementwisePlan(context, kind: .add))
    case .sub: self = .elementwise(try ElementwisePlan(context, kind: .sub))
    case .mul: self = .elementwise(try ElementwisePlan(context, kind: .mul))
    case .concatenation: self = .concatenation(try ConcatenationPlan(context))
    case .pad: self = .pad(try PadPlan(context))
    case .reshape, .squeeze, .expandDims:
      _ = try ReshapePlan(context)
      self = .alias
    case .softmax: self = .softmax(try SoftmaxPlan(context))
    case .logistic: self = .logistic(try LogisticPlan(context), count: try context.input(0).elementCount)
    case .hardSwish: self = .hardSwish(try HardSwishPlan(context))
    case .quantize: self = .quantize(try QuantizePlan(context, dequantize: false))
    case .dequantize: self = .quantize(try QuantizePlan(context, dequantize: true))
    case .transpose: self = .transpose(try TransposePlan(context))
    case .slice: self = .copy(try CopyPlan(slice: context))
    case .split: self = .copy(try CopyPlan(split: context))
    case .splitV: self = .copy(try CopyPlan(splitV: context))
    case .unpack: self = .copy(try CopyPlan(unpack: context))
    case .depthToSpace: self = .copy(try CopyPlan(depthToSpace: context))
    case .spaceToDepth: self = .copy(try CopyPlan(spaceToDepth: context))
    case .mirrorPad: self = .copy(try CopyPlan(mirrorPad: context))
    case .resizeNearestNeighbor: self = .copy(try CopyPlan(resizeNearest: context))
    case .resizeBilinear: self = .resizeBilinear(try ResizeBilinearPlan(context))
    case .spaceToBatchND: self = .spaceBatch(try SpaceBatchPlan(context, toBatch: true))
    case .batchToSpaceND: self = .spaceBatch(try SpaceBatchPlan(context, toBatch: false))
    case .padV2: self = .pad(try PadPlan(context, constantValue: true))
    case .relu, .relu6, .reluN1To1, .leakyRelu, .tanh, .gelu, .neg, .rsqrt, .abs, .log:
      self = .lookupTable(try LookupTablePlan(context))
    case .prelu: self = .prelu(try PReluPlan(context))
    case .squaredDifference: self = .elementwise(try ElementwisePlan(context, kind: .squaredDifference))
    case .maximum: self = .elementwise(try ElementwisePlan(context, kind: .maximum))
    case .minimum: self = .elementwise(try ElementwisePlan(context, kind: .minimum))
    case .logSoftmax: self = .logSoftmax(try LogSoftmaxPlan(context))
    case .div, .exp, .square:
      throw context.invalid("is implemented for float32 inputs only, input 0 is \(try context.input(0).type)")
    case .shape: self = .shape(try ShapePlan(context))
    case .stridedSlice: self = .stridedSlice(try StridedSlicePlan(context))
    case .pack: self = .concatenation(try ConcatenationPlan(packing: context))
    case .gather: self = .gather(try GatherPlan(context))
    case .reduceProd: self = .reduceProd(try ReduceProdPlan(context))
    case .other:
      throw .unsupportedOperators([UnsupportedOperator(name: op.kind.name, version: op.version, firstIndex: index)])
    }
  }

  /// Positions of the inputs the kernel reads at run time (others were consumed at prepare).
  func runtimeInputs(of op: Operator) -> Range<Int> {
    switch self {
    case .elementwise: 0..<2
    case .concatenation: 0..<op.inputs.count
    case .copy(let plan): plan.input..<plan.input + 1
    case .batchMatMul(let plan): plan.isPacked ? 0..<1 : 0..<2
    case .transposeConv: 2..<3
    case .float(let plan): plan.runtimeInputs
    case .shape, .folded: 0..<0
    default: 0..<1
    }
  }

  var scratchBytes: Int {
    switch self {
    case .conv2D(let plan): plan.scratchBytes
    case .fullyConnected(let plan): plan.scratchBytes
    case .depthwiseConv2D(let plan): plan.scratchBytes
    case .batchMatMul(let plan): plan.scratchBytes
    case .transposeConv(let plan): plan.scratchBytes
    case .float(let plan): plan.scratchBytes
    default: 0
    }
  }

  var macs: Int {
    switch self {
    case .conv2D(let plan): plan.macs
    case .depthwiseConv2D(let plan): plan.macs
    case .fullyConnected(let plan): plan.macs
    case .batchMatMul(let plan): plan.macs
    case .transposeConv(let plan): plan.macs
    case .float(let plan): plan.macs
    default: 0
    }
  }

  /// Bytes of packed constants the plan holds (weights, biases, multipliers, tables).
  var weightBytes: Int {
    switch self {
    case .conv2D(let plan): return plan.packed.byteCount
    case .fullyConnected(let plan): return plan.packed.byteCount
    case .depthwiseConv2D(let plan): return plan.packed.byteCount
    case .logistic(let plan, _): return plan.table.count
    case .hardSwish(let plan): return plan.table.count
    case .softmax(let plan): return plan.exps.count * 4
    case .lookupTable(let plan): return plan.table.count
    case .prelu(let plan): return plan.alphas.count * 4
    case .logSoftmax(let plan): return (plan.exps.count + plan.scaledDiffs.count) * 4
    case .batchMatMul(let plan): return plan.packed.reduce(0) { $0 + $1.byteCount }
    case .transposeConv(let plan): return plan.weights.count + plan.stage.bias.count * 4
    case .float(let plan): return plan.weightBytes
    default: return 0
    }
  }

  /// Runs the kernel. `inputs` (those of `runtimeInputs`) and `outputs` are the operator's tensors' bytes, in
  /// operator order; the convolutions and FULLY_CONNECTED may split their work across `threads`.
  @_optimize(speed)
  func eval(
    inputs: UnsafeBufferPointer<UnsafeRawPointer>, outputs: UnsafeBufferPointer<UnsafeMutableRawPointer>,
    scratch: UnsafeMutableRawPointer, threads: KernelThreads
  ) {
    func int8(_ i: Int) -> UnsafePointer<Int8> { inputs[i].assumingMemoryBound(to: Int8.self) }
    let output = outputs[0]
    let out = output.assumingMemoryBound(to: Int8.self)
    switch self {
    case .conv2D(let plan): plan.eval(input: int8(0), output: out, scratch: scratch, threads: threads)
    case .depthwiseConv2D(let plan): plan.eval(input: int8(0), output: out, scratch: scratch, threads: threads)
    case .fullyConnected(let plan): plan.eval(input: int8(0), output: out, scratch: scratch, threads: threads)
    case .pool2D(let plan): plan.eval(input: int8(0), output: out)
    case .reduce(let plan): plan.eval(input: int8(0), output: out)
    case .argMinMax(let plan): plan.eval(input: int8(0), output: output)
    case .l2Normalization(let plan): plan.eval(input: int8(0), output: out)
    case .batchMatMul(let plan):
      plan.eval(
        lhs: int8(0), rhs: plan.isPacked ? nil : int8(1), output: out, scratch: scratch, threads: threads)
    case .transposeConv(let plan): plan.eval(input: int8(0), output: out, scratch: scratch)
    case .float(let plan): plan.eval(inputs: inputs, output: output, scratch: scratch)
    case .logSoftmax(let plan): plan.eval(input: int8(0), output: out)
    case .elementwise(let plan): plan.eval(int8(0), int8(1), output: out)
    case .concatenation(let plan): plan.eval(inputs: inputs, output: output)
    case .pad(let plan): plan.eval(input: inputs[0], output: output)
    case .alias: break
    case .softmax(let plan): plan.eval(input: int8(0), output: out)
    case .logistic(let plan, let count): plan.eval(input: int8(0), output: out, count: count)
    case .hardSwish(let plan): plan.eval(input: int8(0), output: out)
    case .quantize(let plan): plan.eval(input: inputs[0], output: output)
    case .transpose(let plan): plan.eval(input: inputs[0], output: output)
    case .copy(let plan): plan.eval(input: inputs[0], outputs: outputs)
    case .resizeBilinear(let plan): plan.eval(input: int8(0), output: out)
    case .spaceBatch(let plan): plan.eval(input: inputs[0], output: output)
    case .lookupTable(let plan): plan.eval(input: int8(0), output: out)
    case .prelu(let plan): plan.eval(input: int8(0), output: out)
    case .shape(let plan): plan.eval(output: output)
    case .stridedSlice(let plan): plan.eval(input: inputs[0], output: output)
    case .gather(let plan): plan.eval(input: inputs[0], output: output)
    case .reduceProd(let plan):
      plan.eval(
        input: inputs[0].assumingMemoryBound(to: Int32.self), output: output.assumingMemoryBound(to: Int32.self))
    case .folded: break
    }
  }
}

/// One prepared operator: everything its kernel needs, computed and validated at load.
enum OperatorPlan: Sendable {
  case conv2D(Conv2DPlan)
  case depthwiseConv2D(DepthwiseConv2DPlan)
  case fullyConnected(FullyConnectedPlan)
  case pool2D(Pool2DPlan)
  case mean(MeanPlan)
  case elementwise(ElementwisePlan)
  case concatenation(ConcatenationPlan)
  case pad(PadPlan)
  /// RESHAPE, SQUEEZE: the output shares the input's bytes.
  case alias
  case softmax(SoftmaxPlan)
  case logistic(LogisticPlan, count: Int)
  case hardSwish(HardSwishPlan)
  case quantize(QuantizePlan)
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
    switch op.kind {
    case .conv2D: self = .conv2D(try Conv2DPlan(context))
    case .depthwiseConv2D: self = .depthwiseConv2D(try DepthwiseConv2DPlan(context))
    case .fullyConnected: self = .fullyConnected(try FullyConnectedPlan(context))
    case .averagePool2D: self = .pool2D(try Pool2DPlan(context, kind: .average))
    case .maxPool2D: self = .pool2D(try Pool2DPlan(context, kind: .max))
    case .mean: self = .mean(try MeanPlan(context))
    case .add: self = .elementwise(try ElementwisePlan(context, kind: .add))
    case .sub: self = .elementwise(try ElementwisePlan(context, kind: .sub))
    case .mul: self = .elementwise(try ElementwisePlan(context, kind: .mul))
    case .concatenation: self = .concatenation(try ConcatenationPlan(context))
    case .pad: self = .pad(try PadPlan(context))
    case .reshape, .squeeze:
      _ = try ReshapePlan(context)
      self = .alias
    case .softmax: self = .softmax(try SoftmaxPlan(context))
    case .logistic: self = .logistic(try LogisticPlan(context), count: try context.input(0).elementCount)
    case .hardSwish: self = .hardSwish(try HardSwishPlan(context))
    case .quantize: self = .quantize(try QuantizePlan(context, dequantize: false))
    case .dequantize: self = .quantize(try QuantizePlan(context, dequantize: true))
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
    case .shape, .folded: 0..<0
    default: 0..<1
    }
  }

  var scratchBytes: Int {
    switch self {
    case .conv2D(let plan): plan.scratchBytes
    case .fullyConnected(let plan): plan.scratchBytes
    case .depthwiseConv2D(let plan): plan.scratchBytes
    default: 0
    }
  }

  var macs: Int {
    switch self {
    case .conv2D(let plan): plan.macs
    case .depthwiseConv2D(let plan): plan.macs
    case .fullyConnected(let plan): plan.macs
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
    default: return 0
    }
  }

  /// Runs the kernel. `inputs` and `output` are the operator's tensors' bytes, in operator order; the
  /// convolutions and FULLY_CONNECTED may split their work across `threads`.
  func eval(
    inputs: UnsafeBufferPointer<UnsafeRawPointer>, output: UnsafeMutableRawPointer, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads
  ) {
    func int8(_ i: Int) -> UnsafePointer<Int8> { inputs[i].assumingMemoryBound(to: Int8.self) }
    let out = output.assumingMemoryBound(to: Int8.self)
    switch self {
    case .conv2D(let plan): plan.eval(input: int8(0), output: out, scratch: scratch, threads: threads)
    case .depthwiseConv2D(let plan): plan.eval(input: int8(0), output: out, scratch: scratch, threads: threads)
    case .fullyConnected(let plan): plan.eval(input: int8(0), output: out, scratch: scratch, threads: threads)
    case .pool2D(let plan): plan.eval(input: int8(0), output: out)
    case .mean(let plan): plan.eval(input: int8(0), output: out)
    case .elementwise(let plan): plan.eval(int8(0), int8(1), output: out)
    case .concatenation(let plan): plan.eval(inputs: inputs, output: output)
    case .pad(let plan): plan.eval(input: int8(0), output: out)
    case .alias: break
    case .softmax(let plan): plan.eval(input: int8(0), output: out)
    case .logistic(let plan, let count): plan.eval(input: int8(0), output: out, count: count)
    case .hardSwish(let plan): plan.eval(input: int8(0), output: out)
    case .quantize(let plan): plan.eval(input: inputs[0], output: output)
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

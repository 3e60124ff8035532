/// One prepared float32 operator. PyTorch's PT2E quantizer (and selective quantization in the TF converter)
/// leaves some operators in float32 between a DEQUANTIZE and a QUANTIZE: residual additions, swish and
/// squeeze-excitation, unfolded batch norms, layer norms, attention. These plans compute them in the order of
/// LiteRT's reference kernels, so that results match BUILTIN_REF bit for bit (up to the C library's `expf`
/// and `tanhf`, which edgediag calls as the reference does).
enum FloatPlan: Sendable {
  case binary(FloatBinaryPlan)
  case unary(FloatUnaryPlan)
  case mean(FloatMeanPlan)
  case softmax(FloatSoftmaxPlan)
  case batchMatmul(FloatBatchMatmulPlan)
  case transposeConv(FloatTransposeConvPlan)
  /// CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED.
  case convolution(FloatConvolutionPlan)
  case pool(FloatPool2DPlan)
  case resizeBilinear(FloatResizeBilinearPlan)

  /// Prepares operator `context.index` as a float32 kernel when its first input (TRANSPOSE_CONV: its data,
  /// input 2) is float32; nil for other input types, which the int8 plans take. QUANTIZE and DEQUANTIZE
  /// convert at the islands' edges and are not float plans.
  init?(_ context: OperatorContext) throws(ModelError) {
    let op = context.op
    let data = op.kind == .transposeConv ? 2 : 0
    guard data < op.inputs.count, op.inputs[data] >= 0, op.inputs[data] < context.model.tensors.count,
      context.model.tensors[op.inputs[data]].type == .float32
    else { return nil }
    switch op.kind {
    case .add: self = .binary(try FloatBinaryPlan(context, kind: .add))
    case .sub: self = .binary(try FloatBinaryPlan(context, kind: .sub))
    case .mul: self = .binary(try FloatBinaryPlan(context, kind: .mul))
    case .div: self = .binary(try FloatBinaryPlan(context, kind: .div))
    case .squaredDifference: self = .binary(try FloatBinaryPlan(context, kind: .squaredDifference))
    case .logistic: self = .unary(try FloatUnaryPlan(context, kind: .logistic))
    case .tanh: self = .unary(try FloatUnaryPlan(context, kind: .tanh))
    case .relu: self = .unary(try FloatUnaryPlan(context, kind: .relu))
    case .relu6: self = .unary(try FloatUnaryPlan(context, kind: .relu6))
    case .reluN1To1: self = .unary(try FloatUnaryPlan(context, kind: .reluN1To1))
    case .hardSwish: self = .unary(try FloatUnaryPlan(context, kind: .hardSwish))
    case .rsqrt: self = .unary(try FloatUnaryPlan(context, kind: .rsqrt))
    case .neg: self = .unary(try FloatUnaryPlan(context, kind: .neg))
    case .abs: self = .unary(try FloatUnaryPlan(context, kind: .abs))
    case .square: self = .unary(try FloatUnaryPlan(context, kind: .square))
    case .exp: self = .unary(try FloatUnaryPlan(context, kind: .exp))
    case .log: self = .unary(try FloatUnaryPlan(context, kind: .log))
    case .leakyRelu:
      guard case .leakyRelu(let alpha) = op.options else { throw context.invalid("missing LeakyReluOptions") }
      self = .unary(try FloatUnaryPlan(context, kind: .leakyRelu(alpha: alpha)))
    case .mean: self = .mean(try FloatMeanPlan(context))
    case .softmax: self = .softmax(try FloatSoftmaxPlan(context))
    case .fullyConnected: self = .convolution(try FloatConvolutionPlan(fullyConnected: context))
    case .batchMatMul: self = .batchMatmul(try FloatBatchMatmulPlan(context))
    case .transposeConv: self = .transposeConv(try FloatTransposeConvPlan(context))
    case .conv2D: self = .convolution(try FloatConvolutionPlan(conv: context))
    case .depthwiseConv2D: self = .convolution(try FloatConvolutionPlan(depthwise: context))
    case .averagePool2D: self = .pool(try FloatPool2DPlan(context, kind: .average))
    case .maxPool2D: self = .pool(try FloatPool2DPlan(context, kind: .max))
    case .resizeBilinear: self = .resizeBilinear(try FloatResizeBilinearPlan(context))
    default: return nil
    }
  }

  /// Positions of the inputs the kernel reads at run time.
  var runtimeInputs: Range<Int> {
    switch self {
    case .binary, .batchMatmul: 0..<2
    case .transposeConv: 2..<3
    default: 0..<1
    }
  }

  var macs: Int {
    switch self {
    case .batchMatmul(let plan): plan.outputBatches.count * plan.rows * plan.columns * plan.depth
    case .transposeConv(let plan): plan.macs
    case .convolution(let plan): plan.macs
    default: 0
    }
  }

  /// Bytes of constants the plan holds (weights and biases).
  var weightBytes: Int {
    switch self {
    case .transposeConv(let plan): (plan.weights.count + plan.bias.count) * 4
    case .convolution(let plan): (plan.weights.count + plan.bias.count) * 4
    default: 0
    }
  }

  /// Bytes of scratch `eval` needs.
  var scratchBytes: Int {
    guard case .convolution(let plan) = self else { return 0 }
    return plan.scratchBytes
  }

  func eval(
    inputs: UnsafeBufferPointer<UnsafeRawPointer>, output: UnsafeMutableRawPointer, scratch: UnsafeMutableRawPointer
  ) {
    func float(_ i: Int) -> UnsafePointer<Float> { inputs[i].assumingMemoryBound(to: Float.self) }
    let out = output.assumingMemoryBound(to: Float.self)
    switch self {
    case .binary(let plan): plan.eval(float(0), float(1), output: out)
    case .unary(let plan): plan.eval(input: float(0), output: out)
    case .mean(let plan): plan.eval(input: float(0), output: out)
    case .softmax(let plan): plan.eval(input: float(0), output: out)
    case .batchMatmul(let plan): plan.eval(float(0), float(1), output: out)
    case .transposeConv(let plan): plan.eval(input: float(0), output: out)
    case .convolution(let plan): plan.eval(input: float(0), output: out, scratch: scratch)
    case .pool(let plan): plan.eval(input: float(0), output: out)
    case .resizeBilinear(let plan): plan.eval(input: float(0), output: out)
    }
  }
}

extension OperatorContext {
  /// Checks `tensor` is float32 (its quantization, if any, is ignored, as the reference kernels do).
  func expectFloat(_ tensor: Tensor, _ role: String) throws(ModelError) {
    guard tensor.type == .float32 else { throw invalid("\(role) must be float32, is \(tensor.type)") }
  }

  /// A constant float32 tensor's values, little-endian.
  func constantFloats(_ tensor: Tensor, _ role: String) throws(ModelError) -> [Float] {
    try expectFloat(tensor, role)
    let bytes = try constantBytes(tensor, role)
    let start = bytes.startIndex
    return (0..<tensor.elementCount).map { i in
      var bits: UInt32 = 0
      for b in 0..<4 { bits |= UInt32(bytes[start + 4 * i + b]) << UInt32(8 * b) }
      return Float(bitPattern: bits)
    }
  }

  /// The clamp a fused activation applies to a float result (TFLite's `CalculateActivationRange<float>`):
  /// NONE clamps to the finite floats, so an infinite sum becomes the largest finite float, as in the reference.
  func floatActivationRange(_ activation: FusedActivation) throws(ModelError) -> FloatRange {
    switch activation {
    case .none: FloatRange(lower: -.greatestFiniteMagnitude, upper: .greatestFiniteMagnitude)
    case .relu: FloatRange(lower: 0, upper: .greatestFiniteMagnitude)
    case .relu6: FloatRange(lower: 0, upper: 6)
    case .reluN1To1: FloatRange(lower: -1, upper: 1)
    case .tanh, .signBit: throw invalid("fused activation \(activation) is not supported")
    }
  }
}

/// A float activation's clamp, applied as the reference's `ActivationFunctionWithMinMax`:
/// `std::min(std::max(x, lower), upper)` (NaN passes through).
struct FloatRange: Sendable {
  var lower: Float
  var upper: Float

  @inline(__always)
  func clamp(_ x: Float) -> Float {
    let low = x < lower ? lower : x
    return upper < low ? upper : low
  }
}

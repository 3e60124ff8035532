/// ADD, SUB, MUL, DIV and SQUARED_DIFFERENCE on float32 tensors, with NumPy broadcasting over up to 6
/// dimensions: one IEEE operation per element (SQUARED_DIFFERENCE: the difference times itself), then the
/// fused activation's clamp, as the reference kernels (`BroadcastAdd6DSlow` and its siblings).
struct FloatBinaryPlan: Sendable {
  enum Kind: Sendable { case add, sub, mul, div, squaredDifference }
  var kind: Kind
  var broadcast: Broadcast
  var range: FloatRange

  init(_ context: OperatorContext, kind: Kind) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    let a = try context.input(0)
    let b = try context.input(1)
    let output = try context.output(0)
    try context.expectFloat(a, "input 1")
    try context.expectFloat(b, "input 2")
    try context.expectFloat(output, "output")
    self.kind = kind
    broadcast = try Broadcast(context, a, b, output: output)
    if case .elementwise(let activation) = context.op.options {
      range = try context.floatActivationRange(activation)
    } else {
      guard kind == .squaredDifference else { throw context.invalid("missing options") }
      range = try context.floatActivationRange(.none)
    }
  }
}

/// Float32 activations and elementwise functions of one input, each as its reference kernel computes it.
struct FloatUnaryPlan: Sendable {
  enum Kind: Sendable {
    /// `1 / (1 + exp(-x))`, with the reference's cut-offs: 1 above 16.619047, `exp(x)` below -9.
    case logistic
    case tanh
    /// `std::max(0, x)`.
    case relu
    /// `std::min(std::max(0, x), 6)`.
    case relu6
    /// `std::min(std::max(-1, x), 1)`.
    case reluN1To1
    /// `x * std::min(6, std::max(0, x + 3)) / 6`.
    case hardSwish
    /// `1 / std::sqrt(x)`.
    case rsqrt
    /// `x > 0 ? x : x * alpha`.
    case leakyRelu(alpha: Float)
    /// `-x`.
    case neg
    /// `std::abs(x)`.
    case abs
    /// `x * x`.
    case square
    /// `std::exp(x)`.
    case exp
    /// `std::log(x)`.
    case log
  }
  var kind: Kind
  var count: Int
  /// LOGISTIC's, TANH's, EXP's and LOG's values at the dequantized values, when the input is a DEQUANTIZE's
  /// output.
  var table: DequantizedTable?

  init(_ context: OperatorContext, kind: Kind) throws(ModelError) {
    try context.expectCounts(inputs: 1...1, outputs: 1)
    let input = try context.input(0)
    let output = try context.output(0)
    try context.expectFloat(input, "input")
    try context.expectFloat(output, "output")
    guard input.elementCount == output.elementCount else {
      throw context.invalid("input \(shapeText(input.shape)) and output \(shapeText(output.shape)) differ in size")
    }
    self.kind = kind
    count = input.elementCount
    switch kind {
    case .logistic: table = DequantizedTable(context, Self.logistic)
    case .tanh: table = DequantizedTable(context, floatTanh)
    case .exp: table = DequantizedTable(context, floatExp)
    case .log: table = DequantizedTable(context, floatLog)
    default: table = nil
    }
  }
}

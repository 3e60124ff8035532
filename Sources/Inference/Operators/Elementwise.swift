/// ADD, SUB, MUL, SQUARED_DIFFERENCE, MAXIMUM and MINIMUM, int8, with NumPy broadcasting over up to 6
/// dimensions. ADD and SUB rescale both inputs to a common scale with a left shift of 20 before summing
/// (TFLite's `PrepareGeneralSubOp` / add.cc); SQUARED_DIFFERENCE does the same with a left shift of 7 and
/// squares the difference (squared_difference.cc); MUL multiplies the offset inputs and requantizes once.
/// MAXIMUM and MINIMUM compare the stored bytes and ignore quantization, as maximum_minimum.cc does.
struct ElementwisePlan: Sendable {
  enum Kind: Sendable { case add, sub, mul, squaredDifference, maximum, minimum }
  var kind: Kind
  var input1Offset, input2Offset, outputOffset: Int32
  var input1Multiplier, input2Multiplier, outputMultiplier: QuantizedMultiplier
  var minimum, maximum: Int32
  /// Output dimensions padded to 6, and each input's element strides (0 along broadcast dimensions).
  var broadcast: Broadcast

  static let leftShift: Int32 = 20
  static let squaredDifferenceLeftShift: Int32 = 7

  init(_ context: OperatorContext, kind: Kind) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    var activation = FusedActivation.none
    switch (kind, context.op.options) {
    case (.add, .elementwise(let fused)), (.sub, .elementwise(let fused)), (.mul, .elementwise(let fused)):
      activation = fused
    case (.squaredDifference, .none), (.maximum, .none), (.minimum, .none): break
    default: throw context.invalid("missing options")
    }
    let a = try context.input(0)
    let b = try context.input(1)
    let output = try context.output(0)
    let aQ = try context.int8Parameters(a, "input 1")
    let bQ = try context.int8Parameters(b, "input 2")
    let oQ = try context.int8Parameters(output, "output")
    broadcast = try Broadcast(context, a, b, output: output)
    self.kind = kind
    input1Offset = -aQ.zeroPoint
    input2Offset = -bQ.zeroPoint
    outputOffset = oQ.zeroPoint
    let range = try context.activation(activation, output: oQ)
    minimum = range.lowerBound
    maximum = range.upperBound
    switch kind {
    case .add, .sub:
      let twiceMaxInputScale = 2 * Double(max(aQ.scale, bQ.scale))
      input1Multiplier = QuantizedMultiplier(Double(aQ.scale) / twiceMaxInputScale)
      input2Multiplier = QuantizedMultiplier(Double(bQ.scale) / twiceMaxInputScale)
      let real = twiceMaxInputScale / (Double(Int(1) << Int(Self.leftShift)) * Double(oQ.scale))
      guard real < 1 else { throw context.invalid("output scale \(oQ.scale) is too small for the inputs' scales") }
      outputMultiplier = QuantizedMultiplier(real)
    case .mul:
      input1Multiplier = QuantizedMultiplier(significand: 0, shift: 0)
      input2Multiplier = input1Multiplier
      // mul.cc computes this product and quotient in Float before widening.
      let real = Double(aQ.scale * bQ.scale / oQ.scale)
      guard real < 32768 else { throw context.invalid("requantization scale \(real) is too large") }
      outputMultiplier = QuantizedMultiplier(real)
    case .squaredDifference:
      let twiceMaxInputScale = 2 * Double(max(aQ.scale, bQ.scale))
      input1Multiplier = QuantizedMultiplier(Double(aQ.scale) / twiceMaxInputScale)
      input2Multiplier = QuantizedMultiplier(Double(bQ.scale) / twiceMaxInputScale)
      let real =
        twiceMaxInputScale * twiceMaxInputScale
        / (Double(Int(1) << Int(2 * Self.squaredDifferenceLeftShift)) * Double(oQ.scale))
      // QuantizeMultiplierSmallerThanOneExp: the reference's arithmetic has no left shift here.
      guard real < 1 else { throw context.invalid("output scale \(oQ.scale) is too small for the inputs' scales") }
      outputMultiplier = QuantizedMultiplier(real)
    case .maximum, .minimum:
      input1Multiplier = QuantizedMultiplier(significand: 0, shift: 0)
      input2Multiplier = input1Multiplier
      outputMultiplier = input1Multiplier
    }
  }
}

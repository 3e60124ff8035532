/// PRELU, int8, with a constant int8 alpha broadcast against the input (Keras's PReLU: one slope per channel,
/// or per element). TFLite's `BroadcastPrelu4DSlow`: a non-negative offset input is rescaled by
/// `input / output`; a negative one is multiplied by the offset alpha and rescaled by `input · alpha / output`
/// (both real multipliers computed in Float before widening, as activations.cc does).
struct PReluPlan: Sendable {
  var inputZeroPoint, outputZeroPoint: Int32
  var positive, negative: QuantizedMultiplier
  /// The offset alphas (`alpha - zero point`) laid out over the input's trailing dimensions from the first one
  /// along which alpha varies: the input is `count / alphas.count` repeats of this pattern.
  var alphas: [Int32]
  var count: Int

  init(_ context: OperatorContext) throws(ModelError) {
    try context.expectCounts(inputs: 2...2, outputs: 1)
    let input = try context.input(0)
    let alpha = try context.input(1)
    let output = try context.output(0)
    let inputQ = try context.int8Parameters(input, "input")
    let alphaQ = try context.int8Parameters(alpha, "alpha")
    let outputQ = try context.int8Parameters(output, "output")
    let alphaBytes = try context.constantInt8(alpha, "alpha")
    guard input.shape == output.shape else {
      throw context.invalid("input \(shapeText(input.shape)) and output \(shapeText(output.shape)) differ")
    }
    // The reference broadcasts over at most four dimensions.
    let rank = input.shape.count
    guard rank <= 4, alpha.shape.count <= rank else {
      throw context.invalid("input \(shapeText(input.shape)) and alpha \(shapeText(alpha.shape)) must have rank ≤ 4")
    }
    let alphaShape = [Int](repeating: 1, count: rank - alpha.shape.count) + alpha.shape
    for d in 0..<rank where alphaShape[d] != 1 && alphaShape[d] != input.shape[d] {
      throw context.invalid("alpha \(shapeText(alpha.shape)) does not broadcast to input \(shapeText(input.shape))")
    }
    inputZeroPoint = inputQ.zeroPoint
    outputZeroPoint = outputQ.zeroPoint
    positive = try context.multiplier(Double(inputQ.scale / outputQ.scale), "positive")
    negative = try context.multiplier(Double(inputQ.scale * alphaQ.scale / outputQ.scale), "negative")
    count = input.elementCount
    let first = alphaShape.firstIndex { $0 != 1 } ?? rank
    let values = alphaBytes.map { Int32(Int8(bitPattern: $0)) - alphaQ.zeroPoint }
    // Row-major walk of the input's trailing dimensions, reading alpha with stride 0 where it broadcasts.
    var strides = [Int](repeating: 0, count: rank)
    var step = 1
    for d in stride(from: rank - 1, through: 0, by: -1) {
      strides[d] = alphaShape[d] == 1 ? 0 : step
      step *= alphaShape[d]
    }
    let trailing = Array(input.shape[first...])
    alphas = (0..<trailing.reduce(1, *)).map { flat in
      var rest = flat
      var index = 0
      for d in stride(from: rank - 1, through: first, by: -1) {
        index += rest % input.shape[d] * strides[d]
        rest /= input.shape[d]
      }
      return values[index]
    }
    // Repeated until the pattern fills whole 16-lane vectors, where the input allows it (3 channels: 48).
    var gcd = 16
    var other = alphas.count
    while other != 0 { (gcd, other) = (other, gcd % other) }
    let repeats = 16 / gcd
    if count % (alphas.count * repeats) == 0 {
      alphas = Array([[Int32]](repeating: alphas, count: repeats).joined())
    }
  }

  /// One element, as the reference computes it.
  @inline(__always)
  func value(_ x: Int8, alpha: Int32) -> Int8 {
    let offset = Int32(x) - inputZeroPoint
    let scaled = offset >= 0 ? positive.apply(offset) : negative.apply(offset &* alpha)
    return Int8(clamping: scaled &+ outputZeroPoint)
  }
}

@testable import Inference  // ignored (with a warning) where these files are compiled into Inference itself

#if canImport(TestSupport)
  import TestSupport
#endif

/// The per-channel vector kernels (DEPTHWISE_CONV_2D, pools, elementwise arithmetic, PRELU, table lookup) and
/// the vector requantization against their scalar references, on channel counts below, at and past 16 (a last
/// partial block) and sentinel-filled outputs.
enum VectorChecks {
  static var all: [KernelCheck] {
    let depthwiseChecks: [KernelCheck] = depthwiseCases.map { kernel, stride, dilation, multiplier in
      KernelCheck(
        name: "depthwiseConv2D " + String(kernel) + "x" + String(kernel) + " stride " + String(stride) + " dilation "
          + String(dilation) + " multiplier " + String(multiplier)
      ) { (report: inout KernelReport) throws(ModelError) in
        try depthwise(kernel: kernel, stride: stride, dilation: dilation, multiplier: multiplier, &report)
      }
    }
    let poolChecks: [KernelCheck] = [Pool2DPlan.Kind.max, .average].map { kind in
      KernelCheck(name: kind == .max ? "maxPool2D" : "averagePool2D") {
        (report: inout KernelReport) throws(ModelError) in try pool(kind, &report)
      }
    }
    let elementwiseChecks: [KernelCheck] = elementwiseKinds.map { kind, planKind in
      KernelCheck(name: kind.name + " broadcast") { (report: inout KernelReport) throws(ModelError) in
        try elementwise(kind, planKind, &report)
      }
    }
    let arithmeticChecks: [KernelCheck] = [
      KernelCheck(name: "averagePool2D rounded quotient") { report in roundedQuotient(&report) },
      KernelCheck(name: "vector requantization") { report in vectorMultiply(&report) },
      KernelCheck(name: "double requantization block") { report in doubleRequantizationBlock(&report) },
      KernelCheck(name: "requantization block") { report in requantizationBlock(rightShiftsOnly: false, &report) },
      KernelCheck(name: "table lookup") { report in lookUp(&report) },
      KernelCheck(name: "int8 mean and sum") { (report: inout KernelReport) throws(ModelError) in
        try meanAndSum(&report)
      },
    ]
    let preluChecks: [KernelCheck] = preluShapes.map { shape, alphaShape in
      KernelCheck(name: "prelu " + describe(shape) + " alpha " + describe(alphaShape)) {
        (report: inout KernelReport) throws(ModelError) in try prelu(shape, alphaShape, &report)
      }
    }
    let extremeDepthwise = KernelCheck(name: "depthwiseConv2D 3x3 -128 weights and inputs") {
      (report: inout KernelReport) throws(ModelError) in
      try depthwise(kernel: 3, stride: 1, dilation: 1, multiplier: 1, extreme: true, &report)
    }
    #if arch(arm64)
      let rightShiftChecks = [
        KernelCheck(name: "right-shift requantization block") { report in
          requantizationBlock(rightShiftsOnly: true, &report)
        }
      ]
    #else
      let rightShiftChecks: [KernelCheck] = []
    #endif
    return depthwiseChecks + [extremeDepthwise] + rightShiftChecks + poolChecks + elementwiseChecks + arithmeticChecks
      + preluChecks
  }

  /// int8 MEAN and SUM over random axes of NHWC tensors, channel counts below, at and past 16 (pixels reduced
  /// with the channels kept sum 16 channels as one vector), against the per-output scalar sum.
  static func meanAndSum(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3107)
    for trial in 0..<60 {
      let shape = [
        Int.random(in: 1...2, using: &g), Int.random(in: 1...9, using: &g), Int.random(in: 1...9, using: &g),
        [5, 16, 17, 33, 48].randomElement(using: &g)!,
      ]
      var axes = trial % 3 == 0 ? (0..<4).filter { _ in Bool.random(using: &g) } : [1, 2]
      if axes.isEmpty { axes = [3] }
      let kind: ReducePlan.Kind = trial % 4 == 3 ? .sum : .mean
      var b = ModelBuilder()
      let x = b.activation(shape, scale: 0.02, zeroPoint: Int32.random(in: -128...127, using: &g))
      let axis = b.int32Constant(axes.map { Int32($0) }, shape: [axes.count])
      let outputShape = (0..<4).map { axes.contains($0) ? 1 : shape[$0] }
      let output = b.activation(
        outputShape, scale: kind == .sum ? 0.5 : 0.015, zeroPoint: Int32.random(in: -20...20, using: &g))
      let model = b.model(
        kind == .sum ? .sum : .mean, inputs: [x, axis], output: output, options: .reducer(keepDimensions: true))
      let plan = try ReducePlan(OperatorContext(model: model, index: 0), kind: kind)
      report.compare(
        "reduce trial " + String(trial) + " " + describe(model), model, count: outputShape.reduce(1, *), scratch: 0,
        &g, fast: { input, out, _ in plan.eval(input: input, output: out) },
        reference: { input, out in
          for (o, base) in plan.geometry.outputBases.enumerated() {
            var sum: Int32 = 0
            for offset in plan.geometry.reducedOffsets { sum += Int32(input[base + offset]) - plan.inputZeroPoint }
            out[o] = Int8(clamping: plan.multiplier.apply(sum) + plan.outputZeroPoint)
          }
        })
    }
  }

  /// Depthwise cases (kernel, stride, dilation, depth multiplier).
  static let depthwiseCases = [
    (3, 1, 1, 1), (3, 2, 1, 1), (3, 1, 2, 1), (5, 2, 1, 1), (1, 1, 1, 1), (3, 2, 1, 2), (5, 1, 1, 3),
  ]

  /// Odd trials draw weights from the whole int8 range, even ones from [-127, 127] as symmetric quantization
  /// makes them (aarch64 adds two taps' products in an int16 lane only when no weight is -128). `extreme` makes
  /// every weight and input -128, where two products overflow an int16 lane.
  static func depthwise(
    kernel: Int, stride: Int, dilation: Int, multiplier: Int, extreme: Bool = false, _ report: inout KernelReport
  ) throws(ModelError) {
    var g = SeededGenerator(state: 1001)
    for trial in 0..<(extreme ? 4 : 20) {
      var b = ModelBuilder()
      let inputChannels = Int.random(in: 1...(multiplier == 1 ? 50 : 12), using: &g)
      let channels = inputChannels * multiplier
      let extent = (kernel - 1) * dilation + 1
      let h = Int.random(in: extent...11, using: &g)
      let w = Int.random(in: extent...11, using: &g)
      let padding: Padding = Bool.random(using: &g) ? .same : .valid
      let geometry = WindowGeometry(
        input: [1, h, w, inputChannels], outputChannels: channels, filterHeight: kernel, filterWidth: kernel,
        strideHeight: stride, strideWidth: stride, dilationHeight: dilation, dilationWidth: dilation, padding: padding)
      let input = b.activation(
        [1, h, w, inputChannels], scale: 0.02, zeroPoint: Int32.random(in: -128...127, using: &g))
      let scales = (0..<channels).map { _ in Float.random(in: 0.001...0.05, using: &g) }
      let filter = b.int8Constant(
        extreme
          ? [Int8](repeating: -128, count: kernel * kernel * channels)
          : trial.isMultiple(of: 2)
            ? (0..<kernel * kernel * channels).map { _ in Int8.random(in: -127...127, using: &g) }
            : randomInt8(kernel * kernel * channels, &g), shape: [1, kernel, kernel, channels], scales: scales,
        dimension: 3)
      let bias = b.int32Constant(
        (0..<channels).map { _ in Int32.random(in: -20000...20000, using: &g) }, shape: [channels])
      // Every fifth trial has multipliers above 1/2 (aarch64's nine-tap rows run only with all below).
      let output = b.activation(
        geometry.outputShape, scale: trial % 5 == 4 ? 0.0002 : 0.03, zeroPoint: Int32.random(in: -10...10, using: &g))
      let model = b.model(
        .depthwiseConv2D, inputs: [input, filter, bias], output: output,
        options: .depthwiseConv2D(
          .init(
            padding: padding, strideWidth: stride, strideHeight: stride, depthMultiplier: multiplier,
            dilationWidth: dilation, dilationHeight: dilation, activation: .relu6)))
      let plan = try DepthwiseConv2DPlan(OperatorContext(model: model, index: 0))
      report.compare(
        "depthwiseConv2D trial " + String(trial) + " " + describe(model), model,
        count: geometry.outputShape.reduce(1, *), scratch: plan.scratchBytes, &g,
        input: extreme ? [Int8](repeating: -128, count: h * w * inputChannels) : nil,
        fast: { plan.eval(input: $0, output: $1, scratch: $2) },
        reference: { depthwiseConv2DReference(plan, input: $0, output: $1) })
    }
  }

  /// Pools of random sizes, strides and paddings over channel counts below, at and past 16 (a last partial
  /// block, loaded whole or lane by lane at the end of the input), with and without a ReLU6 clamp.
  static func pool(_ kind: Pool2DPlan.Kind, _ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: kind == .max ? 11 : 12)
    for trial in 0..<40 {
      var b = ModelBuilder()
      let channels = [1, 5, 15, 16, 17, 33, 48].randomElement(using: &g)!
      let filter = Int.random(in: 1...4, using: &g)
      let stride = Int.random(in: 1...3, using: &g)
      let (h, w) = (Int.random(in: filter...10, using: &g), Int.random(in: filter...10, using: &g))
      let padding: Padding = Bool.random(using: &g) ? .same : .valid
      let geometry = WindowGeometry(
        input: [2, h, w, channels], outputChannels: channels, filterHeight: filter, filterWidth: filter,
        strideHeight: stride, strideWidth: stride, padding: padding)
      let zeroPoint = Int32.random(in: -20...20, using: &g)
      let input = b.activation([2, h, w, channels], scale: 0.02, zeroPoint: zeroPoint)
      let output = b.activation(geometry.outputShape, scale: 0.02, zeroPoint: zeroPoint)
      let model = b.model(
        kind == .max ? .maxPool2D : .averagePool2D, inputs: [input], output: output,
        options: .pool2D(
          .init(
            padding: padding, strideWidth: stride, strideHeight: stride, filterWidth: filter, filterHeight: filter,
            activation: Bool.random(using: &g) ? .relu6 : .none)))
      // A window of more than 255 elements would not pass validation: that shape is skipped.
      guard let plan = try? Pool2DPlan(OperatorContext(model: model, index: 0), kind: kind) else { continue }
      report.compare(
        "pool trial " + String(trial) + " " + describe(model), model, count: geometry.outputShape.reduce(1, *),
        scratch: 0, &g,
        fast: { input, output, _ in plan.eval(input: input, output: output) },
        reference: { pool2DReference(plan, input: $0, output: $1) })
    }
  }

  /// The average pool's division by multiply and shift, against C's division, for every window size it takes
  /// and every sum such a window can have.
  static func roundedQuotient(_ report: inout KernelReport) {
    for count in Int32(1)...255 {
      var sum = -128 * count
      while sum <= 127 * count {
        var sums = SIMD16<Int32>()
        for lane in 0..<16 { sums[lane] = min(sum + Int32(lane), 127 * count) }
        let quotient = Inference.roundedQuotient(sums, count)
        for lane in 0..<16 {
          let s = sums[lane]
          let expected = s > 0 ? (s + count / 2) / count : (s - count / 2) / count
          if quotient[lane] != expected {
            report.failures.append(
              "sum " + String(s) + ", count " + String(count) + ": " + String(quotient[lane]) + ", expected "
                + String(expected))
            return
          }
        }
        sum += 16
      }
    }
  }

  static let elementwiseKinds: [(BuiltinOperator, ElementwisePlan.Kind)] = [
    (.add, .add), (.sub, .sub), (.mul, .mul), (.squaredDifference, .squaredDifference), (.maximum, .maximum),
    (.minimum, .minimum),
  ]

  /// ADD, SUB, MUL, SQUARED_DIFFERENCE, MAXIMUM and MINIMUM, same-shape and broadcast (rank 1 to 4, any input
  /// dimension 1), against the scalar `combine` applied element by element through the broadcast strides.
  static func elementwise(
    _ kind: BuiltinOperator, _ planKind: ElementwisePlan.Kind, _ report: inout KernelReport
  ) throws(ModelError) {
    var g = SeededGenerator(state: 21 + UInt64(kind.name.utf8.count))
    for trial in 0..<40 {
      var b = ModelBuilder()
      let rank = Int.random(in: 1...4, using: &g)
      // The last dimension up to 40: rows of 16 or more take the row-wise vector path.
      let shape = (0..<rank).map { d in Int.random(in: 1...(d == rank - 1 ? 40 : 9), using: &g) }
      let other = shape.map { Int.random(in: 0...2, using: &g) == 0 ? 1 : $0 }
      let x = b.activation(shape, scale: 0.02, zeroPoint: Int32.random(in: -20...20, using: &g))
      let y = b.activation(other, scale: Float.random(in: 0.01...0.05, using: &g), zeroPoint: 5)
      let output = b.activation(shape, scale: 0.04, zeroPoint: Int32.random(in: -10...10, using: &g))
      let fused: FusedActivation = Bool.random(using: &g) ? .relu : .none
      let options: OperatorOptions = [.add, .sub, .mul].contains(kind) ? .elementwise(activation: fused) : .none
      let model = b.model(kind, inputs: [x, y], output: output, options: options)
      let plan = try ElementwisePlan(OperatorContext(model: model, index: 0), kind: planKind)
      let a = randomInt8(shape.reduce(1, *), &g)
      let c = randomInt8(other.reduce(1, *), &g)
      var expected: [Int8] = []
      for i in 0..<plan.broadcast.count {
        // NumPy broadcasting from the operands' own shapes: x has the output's, y repeats along its 1s.
        var (rest, offsetC, step) = (i, 0, 1)
        for d in stride(from: rank - 1, through: 0, by: -1) {
          if other[d] != 1 { offsetC += rest % shape[d] * step }
          step *= other[d]
          rest /= shape[d]
        }
        expected.append(plan.combine(a[i], c[offsetC]))
      }
      var actual = [Int8](repeating: kernelSentinel, count: plan.broadcast.count + 32)
      actual.withUnsafeMutableBufferPointer { out in plan.eval(a, c, output: out.baseAddress! + 16) }
      let what = kind.name + " trial " + String(trial) + " " + describe(shape) + " with " + describe(other)
      report.expectOutput(what, Array(actual[16..<(16 + plan.broadcast.count)]), expected)
      report.expectSentinels(what, actual[..<16], actual[(16 + plan.broadcast.count)...])
    }
  }

  /// The vector `UniformMultiplier` against the scalar `QuantizedMultiplier` on random and edge accumulators,
  /// multipliers from 2^-41 to 2^8 and zero.
  static func vectorMultiply(_ report: inout KernelReport) {
    var g = SeededGenerator(state: 1002)
    let edges: [Int32] = [0, 1, -1, 2, -2, .max, .min, .max - 1, .min + 1, 1 << 30, -(1 << 30)]
    for _ in 0..<2000 {
      let exponent = Int.random(in: -41...7, using: &g)
      let real = Double(sign: .plus, exponent: exponent, significand: Double.random(in: 1..<2, using: &g))
      let m = QuantizedMultiplier(Double.random(in: 0...1, using: &g) < 0.02 ? 0 : real)
      var x = SIMD16<Int32>()
      for i in 0..<16 {
        x[i] = Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int32.random(in: .min ... .max, using: &g)
        if m.shift > 0 { x[i] >>= Int32(m.shift) }  // TFLite never left-shifts into overflow
      }
      let vector = UniformMultiplier(m).apply(x)
      for i in 0..<16 where vector[i] != m.apply(x[i]) {
        report.failures.append(
          "x " + String(x[i]) + " significand " + String(m.significand) + " shift " + String(m.shift) + ": "
            + String(vector[i]) + ", expected " + String(m.apply(x[i])))
      }
    }
  }

  /// The fixed-point 16-channel blocks (per-channel multipliers, output offset, clamp) against the scalar stage.
  /// `RequantizationBlock` with multipliers near 2, whose products reach within the offset of ±2^31, where the
  /// reference's int32 add of the offset wraps: a block that saturated before adding the offset would differ
  /// there. `RightShiftRequantizationBlock` (`rightShiftsOnly`, aarch64) with multipliers below 1/2, up to just
  /// below, on int32 extremes and values that saturate int16 on either side of the offset.
  static func requantizationBlock(rightShiftsOnly: Bool, _ report: inout KernelReport) {
    var g = SeededGenerator(state: rightShiftsOnly ? 14 : 13)
    let edges: [Int32] = [
      0, 1, -1, 3, -3, .max, .min, .max - 1, .min + 1, (1 << 30) - 1, -(1 << 30), 65_534, -65_535, 1 << 20, -(1 << 20),
    ]
    let (near, spread) =
      rightShiftsOnly ? (0.4999999...0.49999999, 0.000001...0.49) : (1.9999999...1.99999999, 0.00001...1)
    for trial in 0..<400 {
      let multipliers = (0..<16).map { _ in
        QuantizedMultiplier(Double.random(in: trial % 2 == 0 ? near : spread, using: &g))
      }
      let offset = Int32.random(in: -128...127, using: &g)
      let minimum = Int32.random(in: -128...0, using: &g)
      let stage = OutputStage(
        multipliers: multipliers, bias: [], outputOffset: offset, minimum: minimum,
        maximum: Int32.random(in: minimum...127, using: &g))
      let vectorStage = VectorOutputStage(stage)
      var accumulators = SIMD16<Int32>()
      for lane in 0..<16 {
        accumulators[lane] =
          Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int32.random(in: -200_000...200_000, using: &g)
        // TFLite never left-shifts into overflow; 2^30 - 1 shifted by one is the largest product.
        if multipliers[lane].shift > 0 { accumulators[lane] = min(max(accumulators[lane], -(1 << 30)), (1 << 30) - 1) }
      }
      #if arch(arm64)
        if rightShiftsOnly && !vectorStage.shiftsRight {
          report.failures.append("trial " + String(trial) + ": multipliers below 1/2 but shiftsRight is false")
          continue
        }
        let block =
          rightShiftsOnly
          ? RightShiftRequantizationBlock(vectorStage, channel: 0).apply(accumulators)
          : RequantizationBlock(vectorStage, channel: 0).apply(accumulators)
      #else
        let block = RequantizationBlock(vectorStage, channel: 0).apply(accumulators)
      #endif
      for lane in 0..<16 where block[lane] != stage.requantize(accumulators[lane], channel: lane) {
        report.failures.append(
          "trial " + String(trial) + " lane " + String(lane) + ": accumulator " + String(accumulators[lane]) + " gives "
            + String(block[lane]) + ", expected " + String(stage.requantize(accumulators[lane], channel: lane)))
      }
    }
  }

  /// FULLY_CONNECTED's 16-channel block against the scalar stage, on random and edge accumulators (exact ties,
  /// int32 extremes that leave int32 when scaled) with outputs offsets of both signs and clamps.
  static func doubleRequantizationBlock(_ report: inout KernelReport) {
    var g = SeededGenerator(state: 12)
    let edges: [Int32] = [0, 1, -1, 3, -3, .max, .min, .max - 1, .min + 1, 1 << 20, -(1 << 20)]
    for trial in 0..<200 {
      let scales = (0..<16).map { _ in
        trial % 4 == 0
          ? 0.5 : Double(Float.random(in: 0.0001...0.01, using: &g)) * Double(Float.random(in: 0.1...3, using: &g))
      }
      let offset = Int32.random(in: -128...127, using: &g)
      let minimum = Int32.random(in: -128...0, using: &g)
      let stage = OutputStage(
        multipliers: scales.map { QuantizedMultiplier($0) }, bias: [], outputOffset: offset, minimum: minimum,
        maximum: Int32.random(in: minimum...127, using: &g), doubleScales: scales.map { trial % 8 == 1 ? $0 * 1e4 : $0 }
      )
      var accumulators = SIMD16<Int32>()
      for lane in 0..<16 {
        accumulators[lane] =
          Bool.random(using: &g) ? edges.randomElement(using: &g)! : Int32.random(in: -200_000...200_000, using: &g)
      }
      let block = DoubleRequantizationBlock(VectorOutputStage(stage), channel: 0).apply(accumulators)
      for lane in 0..<16 where block[lane] != stage.requantize(accumulators[lane], channel: lane) {
        report.failures.append(
          "trial " + String(trial) + " lane " + String(lane) + ": accumulator " + String(accumulators[lane]) + " gives "
            + String(block[lane]) + ", expected " + String(stage.requantize(accumulators[lane], channel: lane)))
      }
    }
  }

  /// The table lookup for counts below, at and past 16.
  static func lookUp(_ report: inout KernelReport) {
    var g = SeededGenerator(state: 44)
    let table = randomInt8(256, &g)
    for count in [0, 1, 15, 16, 17, 63, 100, 257] {
      let input = randomInt8(count, &g)
      var output = [Int8](repeating: kernelSentinel, count: count + 32)
      table.withUnsafeBufferPointer { table in
        output.withUnsafeMutableBufferPointer { out in
          lookUpBytes(table.baseAddress!, input, out.baseAddress! + 16, count: count)
        }
      }
      let what = "lookup of " + String(count) + " bytes"
      report.expectOutput(what, Array(output[16..<(16 + count)]), input.map { table[Int(UInt8(bitPattern: $0))] })
      report.expectSentinels(what, output[..<16], output[(16 + count)...])
    }
  }

  static let preluShapes = [
    ([1, 6, 5, 3], [1, 1, 3]), ([1, 4, 4, 20], [4, 4, 20]), ([1, 5, 7, 33], [33]), ([1, 3, 4, 5], [1, 4, 1]),
    ([2, 3, 17], [2, 1, 1]), ([1, 9], [1]),
  ]

  /// A PRELU model; with `constant` false, its alpha is an activation (which validation refuses).
  static func preluModel(
    input shape: [Int], alpha alphaShape: [Int], _ g: inout some RandomNumberGenerator, constant: Bool = true
  ) -> Model {
    var b = ModelBuilder()
    let x = b.activation(shape, scale: 0.03, zeroPoint: Int32.random(in: -30...30, using: &g))
    var alpha = b.int8Constant(
      randomInt8(alphaShape.reduce(1, *), &g), shape: alphaShape, scales: [Float.random(in: 0.001...0.01, using: &g)])
    b.tensors[alpha].quantization?.zeroPoints = [Int32.random(in: -10...10, using: &g)]
    if !constant { alpha = b.activation(alphaShape, scale: 0.01, zeroPoint: 0) }
    let y = b.activation(shape, scale: 0.02, zeroPoint: Int32.random(in: -30...30, using: &g))
    return b.model(.prelu, inputs: [x, alpha], output: y, options: .none)
  }

  /// PRELU's vector kernel against its scalar one, and the scalar one against `BroadcastPrelu4DSlow`'s
  /// arithmetic with the alpha index found through broadcast strides.
  static func prelu(_ shape: [Int], _ alphaShape: [Int], _ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: UInt64(shape.reduce(7, *) + alphaShape.reduce(1, *)))
    let model = preluModel(input: shape, alpha: alphaShape, &g)
    let plan = try PReluPlan(OperatorContext(model: model, index: 0))
    let count = shape.reduce(1, *)
    let input = randomInt8(count, &g)
    let alphaTensor = model.tensors[model.operators[0].inputs[1]]
    let alphaZero = alphaTensor.quantization!.zeroPoints[0]
    let alphas = model.bytes[alphaTensor.data!].map { Int32(Int8(bitPattern: $0)) - alphaZero }
    let padded = [Int](repeating: 1, count: shape.count - alphaShape.count) + alphaShape
    let expected = (0..<count).map { i in
      var (rest, index, step) = (i, 0, 1)
      for d in stride(from: shape.count - 1, through: 0, by: -1) {
        if padded[d] != 1 { index += rest % shape[d] * step }
        step *= padded[d]
        rest /= shape[d]
      }
      let offset = Int32(input[i]) - plan.inputZeroPoint
      let scaled = offset >= 0 ? plan.positive.apply(offset) : plan.negative.apply(offset * alphas[index])
      return Int8(min(max(scaled + plan.outputZeroPoint, -128), 127))
    }
    var fast = [Int8](repeating: kernelSentinel, count: count + 32)
    var plain = fast
    fast.withUnsafeMutableBufferPointer { plan.eval(input: input, output: $0.baseAddress! + 16) }
    plain.withUnsafeMutableBufferPointer { plan.evalReference(input: input, output: $0.baseAddress! + 16) }
    report.expectOutput("prelu (scalar kernel)", Array(plain[16..<(16 + count)]), expected)
    report.expectOutput("prelu (vector kernel)", Array(fast[16..<(16 + count)]), expected)
    report.expectSentinels("prelu", fast[..<16], fast[(16 + count)...])
  }
}

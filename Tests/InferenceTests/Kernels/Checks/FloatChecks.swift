@testable import Inference  // ignored (with a warning) where these files are compiled into Inference itself

#if canImport(TestSupport)
  import TestSupport
#endif

/// The float32 kernels of float islands (arithmetic with broadcasting, activations, QUANTIZE and DEQUANTIZE at
/// the islands' edges, MEAN) against their one-element references, bit for bit (any NaN matches any NaN), on
/// lengths below, at and past the 8-lane vectors and on the values where IEEE arithmetic is delicate.
enum FloatChecks {
  static var all: [KernelCheck] {
    [
      KernelCheck(name: "float arithmetic broadcast") { (report: inout KernelReport) throws(ModelError) in
        try binary(&report)
      },
      KernelCheck(name: "float activations") { (report: inout KernelReport) throws(ModelError) in
        try unary(&report)
      },
      KernelCheck(name: "float logistic, tanh, exp and log through a dequantized table") {
        (report: inout KernelReport) throws(ModelError) in try tabulated(&report)
      },
      KernelCheck(name: "quantize from float") { (report: inout KernelReport) throws(ModelError) in
        try quantize(&report)
      },
      KernelCheck(name: "requantize") { (report: inout KernelReport) throws(ModelError) in
        try requantize(&report)
      },
      KernelCheck(name: "dequantize") { (report: inout KernelReport) throws(ModelError) in try dequantize(&report) },
      KernelCheck(name: "float transpose conv") { (report: inout KernelReport) throws(ModelError) in
        try transposeConv(&report)
      },
      KernelCheck(name: "float mean") { (report: inout KernelReport) throws(ModelError) in try mean(&report) },
      KernelCheck(name: "float conv") { (report: inout KernelReport) throws(ModelError) in try conv(&report) },
      KernelCheck(name: "float fully connected") { (report: inout KernelReport) throws(ModelError) in
        try fullyConnected(&report)
      },
      KernelCheck(name: "float batch matmul") { (report: inout KernelReport) throws(ModelError) in
        try batchMatmul(&report)
      },
      KernelCheck(name: "float resize bilinear") { (report: inout KernelReport) throws(ModelError) in
        try resizeBilinear(&report)
      },
    ]
  }

  static let specials: [Float] = [
    .nan, .infinity, -.infinity, 0, -0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    .leastNonzeroMagnitude, 0.5, -0.5, 2.5, -2.5, 6, -1, 1, -3,
  ]

  /// Random floats in ±`range`, one in 6 a special value.
  static func randomFloats(_ count: Int, _ g: inout some RandomNumberGenerator, range: Float = 20) -> [Float] {
    (0..<count).map { _ in
      Int.random(in: 0..<6, using: &g) == 0
        ? specials.randomElement(using: &g)! : Float.random(in: -range...range, using: &g)
    }
  }

  /// Runs `kernel` on an output buffer of `count` floats inside sentinels and expects `expected`.
  static func expect(
    _ what: String, _ expected: [Float], _ report: inout KernelReport,
    _ kernel: (UnsafeMutablePointer<Float>) -> Void
  ) {
    let sentinel = Float(bitPattern: 0x7F5A_5A5A)
    var buffer = [Float](repeating: sentinel, count: expected.count + 16)
    buffer.withUnsafeMutableBufferPointer { kernel($0.baseAddress! + 8) }
    for (i, want) in expected.enumerated() {
      let got = buffer[8 + i]
      guard got.bitPattern != want.bitPattern, !(got.isNaN && want.isNaN) else { continue }
      report.failures.append(
        what + ": output " + String(i) + " of " + String(expected.count) + " is " + String(got) + ", expected "
          + String(want))
      return
    }
    let untouched =
      buffer[..<8].allSatisfy { $0.bitPattern == sentinel.bitPattern }
      && buffer[(8 + expected.count)...].allSatisfy { $0.bitPattern == sentinel.bitPattern }
    report.expect(untouched, what + ": a float around the output was overwritten")
  }

  /// `expect` for a kernel that takes `scratchBytes` of scratch (64-byte aligned), expecting the 64 bytes
  /// after them untouched too.
  static func expect(
    _ what: String, _ expected: [Float], _ report: inout KernelReport, scratchBytes: Int,
    _ kernel: (UnsafeMutablePointer<Float>, UnsafeMutableRawPointer) -> Void
  ) {
    let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchBytes + 64, alignment: 64)
    defer { scratch.deallocate() }
    (scratch + scratchBytes).initializeMemory(as: UInt8.self, repeating: 0xA5, count: 64)
    expect(what, expected, &report) { kernel($0, scratch) }
    let after = UnsafeRawBufferPointer(start: scratch + scratchBytes, count: 64)
    report.expect(after.allSatisfy { $0 == 0xA5 }, what + ": a byte after the scratch was overwritten")
  }

  /// The offset in an operand of shape `operand` (same rank, dimensions equal or 1) of output element `i`.
  static func offset(_ i: Int, of shape: [Int], in operand: [Int]) -> Int {
    var (rest, offset, step) = (i, 0, 1)
    for d in stride(from: shape.count - 1, through: 0, by: -1) {
      if operand[d] != 1 { offset += rest % shape[d] * step }
      step *= operand[d]
      rest /= shape[d]
    }
    return offset
  }

  /// ADD, SUB, MUL, DIV, SQUARED_DIFFERENCE with each fused activation, same shapes and broadcast either way
  /// (ranks 1 to 4, any dimension 1 in one operand).
  static func binary(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3101)
    let kinds: [(BuiltinOperator, FloatBinaryPlan.Kind)] = [
      (.add, .add), (.sub, .sub), (.mul, .mul), (.div, .div), (.squaredDifference, .squaredDifference),
    ]
    let activations: [FusedActivation] = [.none, .relu, .relu6, .reluN1To1]
    for (kind, planKind) in kinds {
      for trial in 0..<40 {
        var b = ModelBuilder()
        let rank = Int.random(in: 1...4, using: &g)
        let shape = (0..<rank).map { d in Int.random(in: 1...(d == rank - 1 ? 20 : 6), using: &g) }
        let other = trial < 5 ? shape : shape.map { Int.random(in: 0...2, using: &g) == 0 ? 1 : $0 }
        let (shapeA, shapeB) = Bool.random(using: &g) ? (shape, other) : (other, shape)
        let x = b.floatTensor(shapeA)
        let y = b.floatTensor(shapeB)
        let output = b.floatTensor(shape)
        let options: OperatorOptions =
          kind == .squaredDifference ? .none : .elementwise(activation: activations.randomElement(using: &g)!)
        let model = b.model(kind, inputs: [x, y], output: output, options: options)
        let plan = try FloatBinaryPlan(OperatorContext(model: model, index: 0), kind: planKind)
        let a = randomFloats(shapeA.reduce(1, *), &g)
        let c = randomFloats(shapeB.reduce(1, *), &g)
        let count = shape.reduce(1, *)
        let expected = (0..<count).map { i in
          plan.combine(a[offset(i, of: shape, in: shapeA)], c[offset(i, of: shape, in: shapeB)])
        }
        let what = kind.name + " trial " + String(trial) + " " + describe(shapeA) + " with " + describe(shapeB)
        expect(what, expected, &report) { out in plan.eval(a, c, output: out) }
      }
    }
  }

  static let unaryKinds: [(BuiltinOperator, FloatUnaryPlan.Kind)] = [
    (.logistic, .logistic), (.tanh, .tanh), (.relu, .relu), (.relu6, .relu6), (.reluN1To1, .reluN1To1),
    (.hardSwish, .hardSwish), (.rsqrt, .rsqrt), (.leakyRelu, .leakyRelu(alpha: 0.2)), (.neg, .neg),
    (.abs, .abs), (.square, .square), (.exp, .exp), (.log, .log),
  ]

  /// Each activation on lengths 0 to 40.
  static func unary(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3102)
    for (kind, planKind) in unaryKinds {
      for count in 0...40 {
        var b = ModelBuilder()
        let x = b.floatTensor([count])
        let output = b.floatTensor([count])
        let model = b.model(kind, inputs: [x], output: output, options: .none)
        let plan = try FloatUnaryPlan(OperatorContext(model: model, index: 0), kind: planKind)
        let input = randomFloats(count, &g)
        expect(kind.name + " of " + String(count), input.map(plan.apply), &report) { out in
          plan.eval(input: input, output: out)
        }
      }
    }
  }

  /// LOGISTIC, TANH, EXP and LOG of a DEQUANTIZE's output (int8 and uint8): dequantized values take the table, their
  /// neighbours and other floats are computed, all as the reference.
  static func tabulated(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3103)
    for (kind, planKind) in unaryKinds where [.logistic, .tanh, .exp, .log].contains(kind) {
      for type in [ElementType.int8, .uint8] {
        var b = ModelBuilder()
        let scale = Float.random(in: 0.01...0.2, using: &g)
        let zeroPoint = Int32(
          type == .int8 ? Int.random(in: -128...127, using: &g) : Int.random(in: 0...255, using: &g))
        let quantized = b.activation([300], scale: scale, zeroPoint: zeroPoint, type: type)
        let dequantized = b.floatTensor([300])
        let output = b.floatTensor([300])
        let model = Model(
          bytes: b.bytes, tensors: b.tensors,
          operators: [
            Operator(kind: .dequantize, version: 1, inputs: [quantized], outputs: [dequantized], options: .none),
            Operator(kind: kind, version: 1, inputs: [dequantized], outputs: [output], options: .none),
          ], inputs: [quantized], outputs: [output])
        let plan = try FloatUnaryPlan(OperatorContext(model: model, index: 1), kind: planKind)
        let what = kind.name + " of dequantized " + (type == .int8 ? "int8" : "uint8")
        report.expect(plan.table != nil, what + ": no table")
        let lowest: Int32 = type == .int8 ? -128 : 0
        let input = (0..<300).map { i -> Float in
          let value = QuantizePlan.dequantized(lowest + Int32(i % 256), scale: Double(scale), zeroPoint: zeroPoint)
          switch Int.random(in: 0..<4, using: &g) {
          case 0: return value.nextUp
          case 1: return randomFloats(1, &g)[0]
          default: return value
          }
        }
        expect(what, input.map(plan.apply), &report) { out in plan.eval(input: input, output: out) }
      }
    }
  }

  /// Float to int8 and uint8 with random scales and zero points (and a uint8 zero point past 2^23): quotients
  /// at halves, near the int32 range and beyond, NaN and infinities.
  static func quantize(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3104)
    for trial in 0..<40 {
      let type: ElementType = trial % 2 == 0 ? .int8 : .uint8
      let scale = Float.random(in: 0.001...2, using: &g)
      let zeroPoint: Int32 =
        trial == 1
        ? 1 << 24 : Int32(type == .int8 ? Int.random(in: -128...127, using: &g) : Int.random(in: 0...255, using: &g))
      let count = Int.random(in: 0...70, using: &g)
      var b = ModelBuilder()
      let x = b.floatTensor([count])
      let output = b.activation([count], scale: scale, zeroPoint: zeroPoint, type: type)
      let model = b.model(.quantize, inputs: [x], output: output, options: .none)
      let plan = try QuantizePlan(OperatorContext(model: model, index: 0), dequantize: false)
      let input = (0..<count).map { _ -> Float in
        switch Int.random(in: 0..<6, using: &g) {
        case 0: return (Float(Int.random(in: -300...300, using: &g)) + 0.5) * scale
        case 1: return Float.random(in: -0x1p32...0x1p32, using: &g) * scale
        case 2: return specials.randomElement(using: &g)!
        default: return Float.random(in: -200...200, using: &g) * scale
        }
      }
      let what = "quantize trial " + String(trial)
      var actual = [UInt8](repeating: 0x5A, count: count + 32)
      actual.withUnsafeMutableBytes { plan.eval(input: input, output: $0.baseAddress! + 16) }
      let expected = input.map { x -> UInt8 in
        type == .int8
          ? UInt8(bitPattern: QuantizePlan.quantized(x, scale: scale, zeroPoint: zeroPoint) as Int8)
          : QuantizePlan.quantized(x, scale: scale, zeroPoint: zeroPoint)
      }
      report.expectOutput(
        what, Array(actual[16..<(16 + count)]).map { Int8(bitPattern: $0) }, expected.map { Int8(bitPattern: $0) })
      report.expect(
        actual[..<16].allSatisfy { $0 == 0x5A } && actual[(16 + count)...].allSatisfy { $0 == 0x5A },
        what + ": a byte around the output was overwritten")
    }
  }

  /// Int8 and uint8 to int8 and uint8 with new parameters (the islands' requantizations): every byte, in random
  /// order and lengths, through the prepared table, against the one-byte reference.
  static func requantize(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3107)
    for trial in 0..<16 {
      let types: (ElementType, ElementType) = (trial % 2 == 0 ? .int8 : .uint8, trial / 2 % 2 == 0 ? .int8 : .uint8)
      func zeroPoint(_ type: ElementType) -> Int32 {
        Int32(type == .int8 ? Int.random(in: -128...127, using: &g) : Int.random(in: 0...255, using: &g))
      }
      let (inputScale, outputScale) = (
        Float.random(in: 0.005...0.5, using: &g), Float.random(in: 0.005...0.5, using: &g)
      )
      let (inputZeroPoint, outputZeroPoint) = (zeroPoint(types.0), zeroPoint(types.1))
      let count = 256 + Int.random(in: 0...40, using: &g)
      var b = ModelBuilder()
      let x = b.activation([count], scale: inputScale, zeroPoint: inputZeroPoint, type: types.0)
      let output = b.activation([count], scale: outputScale, zeroPoint: outputZeroPoint, type: types.1)
      let model = b.model(.quantize, inputs: [x], output: output, options: .none)
      let plan = try QuantizePlan(OperatorContext(model: model, index: 0), dequantize: false)
      let bytes = (0..<count).map { i in UInt8(truncatingIfNeeded: i) }.shuffled(using: &g)
      let multiplier = QuantizedMultiplier(Double(inputScale) / Double(outputScale))
      let expected = bytes.map { byte in
        QuantizePlan.requantized(
          byte, multiplier, inputZeroPoint: inputZeroPoint, outputZeroPoint: outputZeroPoint,
          unsignedInput: types.0 == .uint8, unsignedOutput: types.1 == .uint8)
      }
      var actual = [Int8](repeating: kernelSentinel, count: count + 32)
      actual.withUnsafeMutableBytes { plan.eval(input: bytes, output: $0.baseAddress! + 16) }
      let what = "requantize trial " + String(trial)
      report.expectOutput(what, Array(actual[16..<(16 + count)]), expected)
      report.expectSentinels(what, actual[..<16], actual[(16 + count)...])
    }
  }

  /// Every int8 and uint8 value, in random order and lengths, with random scales and zero points; some scales
  /// whose products are subnormal or overflow, and uint8 zero points far outside the byte range (which the
  /// reference accepts, and which take the kernel's double path).
  static func dequantize(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3105)
    for trial in 0..<24 {
      let type: ElementType = trial % 2 == 0 ? .int8 : .uint8
      let scale =
        switch trial % 6 {
        case 2: Float.leastNormalMagnitude * Float.random(in: 0.001...1, using: &g)
        case 4: Float.greatestFiniteMagnitude / Float.random(in: 2...200, using: &g)
        default: Float.random(in: 0.0001...3, using: &g)
        }
      let zeroPoint =
        type == .int8
        ? Int32.random(in: -128...127, using: &g)
        : trial % 4 == 3 ? Int32.random(in: -(1 << 30)...(1 << 30), using: &g) : Int32.random(in: 0...255, using: &g)
      let count = 256 + Int.random(in: 0...20, using: &g)
      var b = ModelBuilder()
      let x = b.activation([count], scale: scale, zeroPoint: zeroPoint, type: type)
      let output = b.floatTensor([count])
      let model = b.model(.dequantize, inputs: [x], output: output, options: .none)
      let plan = try QuantizePlan(OperatorContext(model: model, index: 0), dequantize: true)
      let bytes = (0..<count).map { i in UInt8(truncatingIfNeeded: i) }.shuffled(using: &g)
      let expected = bytes.map { byte in
        QuantizePlan.dequantized(
          type == .int8 ? Int32(Int8(bitPattern: byte)) : Int32(byte), scale: Double(scale), zeroPoint: zeroPoint)
      }
      expect("dequantize trial " + String(trial), expected, &report) { out in plan.eval(input: bytes, output: out) }
    }
  }

  /// MEAN over random axes of ranks 1 to 4: each output the sum of its elements in order, divided by their count.
  static func mean(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3106)
    for trial in 0..<60 {
      let rank = Int.random(in: 1...4, using: &g)
      let shape = (0..<rank).map { _ in Int.random(in: 1...12, using: &g) }
      var axes = (0..<rank).filter { _ in Bool.random(using: &g) }
      if axes.isEmpty { axes = [rank - 1] }
      let keepDims = Bool.random(using: &g)
      var b = ModelBuilder()
      let x = b.floatTensor(shape)
      let axis = b.int32Constant(axes.map { Int32($0) }, shape: [axes.count])
      let outputShape =
        keepDims
        ? (0..<rank).map { axes.contains($0) ? 1 : shape[$0] }
        : (0..<rank).filter { !axes.contains($0) }.map { shape[$0] }
      let output = b.floatTensor(outputShape)
      let model = b.model(.mean, inputs: [x, axis], output: output, options: .reducer(keepDimensions: keepDims))
      let plan = try FloatMeanPlan(OperatorContext(model: model, index: 0))
      let input = randomFloats(shape.reduce(1, *), &g)
      let expected = plan.geometry.outputBases.map { base in
        var sum: Float = 0
        for offset in plan.geometry.reducedOffsets { sum += input[base + offset] }
        return sum / plan.divisor
      }
      let what = "mean trial " + String(trial) + " " + describe(shape)
      expect(what, expected, &report) { out in plan.eval(input: input, output: out) }
    }
  }

  /// TRANSPOSE_CONV with float weights, strides 1 to 3, SAME and VALID, channels around 8, against the
  /// reference's scatter written out over the OHWI filter.
  static func transposeConv(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3108)
    for trial in 0..<30 {
      let (height, width) = (Int.random(in: 1...5, using: &g), Int.random(in: 1...5, using: &g))
      let (inputChannels, channels) = (Int.random(in: 1...5, using: &g), Int.random(in: 1...19, using: &g))
      let (kernel, stride) = (Int.random(in: 1...3, using: &g), Int.random(in: 1...3, using: &g))
      let padding: Padding = Bool.random(using: &g) ? .same : .valid
      let outputHeight = padding == .same ? height * stride : (height - 1) * stride + kernel
      let outputWidth = padding == .same ? width * stride : (width - 1) * stride + kernel
      var b = ModelBuilder()
      let shape = b.int32Constant([1, Int32(outputHeight), Int32(outputWidth), Int32(channels)], shape: [4])
      let weights = randomFloats(channels * kernel * kernel * inputChannels, &g, range: 2)
      let filter = b.floatConstant(weights, shape: [channels, kernel, kernel, inputChannels])
      let x = b.floatTensor([1, height, width, inputChannels])
      let withBias = trial % 3 != 0
      let biasValues = randomFloats(channels, &g)
      var inputs = [shape, filter, x]
      if withBias { inputs.append(b.floatConstant(biasValues, shape: [channels])) }
      let output = b.floatTensor([1, outputHeight, outputWidth, channels])
      let activation: FusedActivation = [.none, .relu, .relu6].randomElement(using: &g)!
      let model = b.model(
        .transposeConv, inputs: inputs, output: output,
        options: .transposeConv(
          .init(padding: padding, strideWidth: stride, strideHeight: stride, activation: activation)))
      let plan = try FloatTransposeConvPlan(OperatorContext(model: model, index: 0))
      let input = randomFloats(height * width * inputChannels, &g, range: 3)
      let geometry = plan.geometry
      var expected = [Float](repeating: 0, count: outputHeight * outputWidth * channels)
      for iy in 0..<height {
        for ix in 0..<width {
          for ic in 0..<inputChannels {
            for fy in 0..<kernel {
              let oy = iy * stride - geometry.padTop + fy
              guard oy >= 0, oy < outputHeight else { continue }
              for fx in 0..<kernel {
                let ox = ix * stride - geometry.padLeft + fx
                guard ox >= 0, ox < outputWidth else { continue }
                for oc in 0..<channels {
                  expected[(oy * outputWidth + ox) * channels + oc] +=
                    input[(iy * width + ix) * inputChannels + ic]
                    * weights[((oc * kernel + fy) * kernel + fx) * inputChannels + ic]
                }
              }
            }
          }
        }
      }
      expected = expected.enumerated().map { i, sum in plan.range.clamp(withBias ? sum + biasValues[i % channels] : sum)
      }
      let what = "transpose conv trial " + String(trial)
      expect(what, expected, &report) { out in plan.eval(input: input, output: out) }
    }
  }

  /// CONV_2D (one group or several) and DEPTHWISE_CONV_2D in float32 against the reference's sum per output:
  /// from 0 over filter rows, filter columns and the group's input channels, taps outside the input skipped,
  /// then the bias and the clamp. Output channel counts below, at and past the kernel's 8-, 16- and 32-channel
  /// steps; half the trials with finite weights only (the 4-pixel tiles, across batches), the others drawing
  /// their weights with infinities and NaN among the candidates (with one among them: pixel by pixel).
  static func conv(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3109)
    for trial in 0..<60 {
      let depthwise = trial % 4 == 3
      let batches = Int.random(in: 1...2, using: &g)
      let groups = depthwise ? 1 : [1, 1, 2, 3].randomElement(using: &g)!
      let depth = Int.random(in: 1...6, using: &g)
      let inputChannels = depthwise ? Int.random(in: 1...20, using: &g) : depth * groups
      let channels =
        depthwise ? inputChannels : groups * Int.random(in: 1...(groups == 1 ? 45 : 12), using: &g)
      let (kernel, stride, dilation) = (
        Int.random(in: 1...3, using: &g), Int.random(in: 1...2, using: &g), Int.random(in: 1...2, using: &g)
      )
      let extent = (kernel - 1) * dilation + 1
      let (height, width) = (Int.random(in: extent...7, using: &g), Int.random(in: extent...7, using: &g))
      let padding: Padding = Bool.random(using: &g) ? .same : .valid
      let geometry = WindowGeometry(
        input: [batches, height, width, inputChannels], outputChannels: channels, filterHeight: kernel,
        filterWidth: kernel, strideHeight: stride, strideWidth: stride, dilationHeight: dilation,
        dilationWidth: dilation, padding: padding)
      var b = ModelBuilder()
      let x = b.floatTensor([batches, height, width, inputChannels])
      let filterDepth = depthwise ? 1 : depth
      let weights = randomFloats(channels * kernel * kernel * filterDepth, &g, range: 2).map {
        trial % 2 == 0 && !$0.isFinite ? 1 : $0
      }
      let filter = b.floatConstant(
        weights, shape: depthwise ? [1, kernel, kernel, channels] : [channels, kernel, kernel, depth])
      let biasValues = randomFloats(channels, &g)
      let bias = b.floatConstant(biasValues, shape: [channels])
      let output = b.floatTensor(geometry.outputShape)
      let activation: FusedActivation = [.none, .relu, .relu6].randomElement(using: &g)!
      let model = b.model(
        depthwise ? .depthwiseConv2D : .conv2D, inputs: [x, filter, bias],
        output: output,
        options: depthwise
          ? .depthwiseConv2D(
            .init(
              padding: padding, strideWidth: stride, strideHeight: stride, depthMultiplier: 1,
              dilationWidth: dilation, dilationHeight: dilation, activation: activation))
          : .conv2D(
            .init(
              padding: padding, strideWidth: stride, strideHeight: stride, dilationWidth: dilation,
              dilationHeight: dilation, activation: activation)))
      let context = OperatorContext(model: model, index: 0)
      let plan = try depthwise ? FloatConvolutionPlan(depthwise: context) : FloatConvolutionPlan(conv: context)
      let input = randomFloats(batches * height * width * inputChannels, &g, range: 3)
      var expected: [Float] = []
      for batch in 0..<batches {
        let image = batch * height * width * inputChannels
        for oy in 0..<geometry.outputHeight {
          for ox in 0..<geometry.outputWidth {
            for oc in 0..<channels {
              var sum: Float = 0
              for fy in 0..<kernel {
                let iy = oy * stride - geometry.padTop + fy * dilation
                guard iy >= 0, iy < height else { continue }
                for fx in 0..<kernel {
                  let ix = ox * stride - geometry.padLeft + fx * dilation
                  guard ix >= 0, ix < width else { continue }
                  for ic in 0..<filterDepth {
                    let channel = depthwise ? oc : oc / (channels / groups) * depth + ic
                    let weight =
                      depthwise
                      ? weights[(fy * kernel + fx) * channels + oc]
                      : weights[((oc * kernel + fy) * kernel + fx) * depth + ic]
                    sum += input[image + (iy * width + ix) * inputChannels + channel] * weight
                  }
                }
              }
              expected.append(plan.range.clamp(sum + biasValues[oc]))
            }
          }
        }
      }
      let what =
        (depthwise ? "float depthwise conv trial " : "float conv trial ") + String(trial) + " " + describe(model)
      expect(what, expected, &report, scratchBytes: plan.scratchBytes) {
        plan.eval(input: input, output: $0, scratch: $1)
      }
    }
  }

  /// FULLY_CONNECTED (run as a 1×1 convolution of its rows): each output the products summed from 0 in depth
  /// order, plus the bias, clamped; units below, at and past the 8-lane vectors and the 16- and 32-unit steps,
  /// rows in and past the 4-row tiles (finite weights in half the trials, as in `conv`).
  static func fullyConnected(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3110)
    for trial in 0..<30 {
      let (rows, depth, units) = (
        Int.random(in: 1...9, using: &g), Int.random(in: 1...20, using: &g), Int.random(in: 1...45, using: &g)
      )
      var b = ModelBuilder()
      let x = b.floatTensor([rows, depth])
      let weights = randomFloats(units * depth, &g, range: 2).map { trial % 2 == 0 && !$0.isFinite ? 1 : $0 }
      let filter = b.floatConstant(weights, shape: [units, depth])
      let biasValues = randomFloats(units, &g)
      let bias = b.floatConstant(biasValues, shape: [units])
      let output = b.floatTensor([rows, units])
      let activation: FusedActivation = [.none, .relu, .relu6].randomElement(using: &g)!
      let model = b.model(
        .fullyConnected, inputs: [x, filter, bias], output: output,
        options: .fullyConnected(.init(activation: activation)))
      let plan = try FloatConvolutionPlan(fullyConnected: OperatorContext(model: model, index: 0))
      let input = randomFloats(rows * depth, &g, range: 3)
      var expected: [Float] = []
      for row in 0..<rows {
        for unit in 0..<units {
          var sum: Float = 0
          for k in 0..<depth { sum += input[row * depth + k] * weights[unit * depth + k] }
          expected.append(plan.range.clamp(sum + biasValues[unit]))
        }
      }
      let what = "float fully connected trial " + String(trial) + " " + describe(model)
      expect(what, expected, &report, scratchBytes: plan.scratchBytes) {
        plan.eval(input: input, output: $0, scratch: $1)
      }
    }
  }

  /// BATCH_MATMUL with each adjoint and batches broadcast either way: each output the products summed from 0 in
  /// k order; columns below, at and past the 8-lane vectors.
  static func batchMatmul(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3111)
    for trial in 0..<40 {
      let (rows, columns, depth) = (
        Int.random(in: 1...5, using: &g), Int.random(in: 1...20, using: &g), Int.random(in: 1...12, using: &g)
      )
      let (adjointX, adjointY) = (trial % 2 == 1, trial % 4 >= 2)
      let batches = Int.random(in: 1...3, using: &g)
      let (xBatches, yBatches) = Bool.random(using: &g) ? (batches, 1) : (1, batches)
      var b = ModelBuilder()
      let x = b.floatTensor([xBatches] + (adjointX ? [depth, rows] : [rows, depth]))
      let y = b.floatTensor([yBatches] + (adjointY ? [columns, depth] : [depth, columns]))
      let output = b.floatTensor([batches, rows, columns])
      let model = b.model(
        .batchMatMul, inputs: [x, y], output: output,
        options: .batchMatMul(adjointX: adjointX, adjointY: adjointY))
      let plan = try FloatBatchMatmulPlan(OperatorContext(model: model, index: 0))
      let xValues = randomFloats(xBatches * rows * depth, &g, range: 3)
      let yValues = randomFloats(yBatches * depth * columns, &g, range: 3)
      var expected: [Float] = []
      for batch in 0..<batches {
        let (xBase, yBase) = (batch % xBatches * rows * depth, batch % yBatches * depth * columns)
        for i in 0..<rows {
          for j in 0..<columns {
            var sum: Float = 0
            for k in 0..<depth {
              let xv = xValues[xBase + (adjointX ? k * rows + i : i * depth + k)]
              let yv = yValues[yBase + (adjointY ? j * depth + k : k * columns + j)]
              sum += xv * yv
            }
            expected.append(sum)
          }
        }
      }
      let what = "float batch matmul trial " + String(trial) + " " + describe(model)
      expect(what, expected, &report) { out in plan.eval(xValues, yValues, output: out) }
    }
  }

  /// RESIZE_BILINEAR's kernel: per output pixel and channel, the four samples' weighted sum in the reference's
  /// order, with the plan's sample offsets and weights; channel counts below, at and past the 8-lane vectors, so
  /// that the last partial block's whole loads and stores meet the ends of the input and output.
  static func resizeBilinear(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3112)
    for trial in 0..<30 {
      let (height, width, depth) = (
        Int.random(in: 1...6, using: &g), Int.random(in: 1...6, using: &g), Int.random(in: 1...20, using: &g)
      )
      let (outputHeight, outputWidth) = (Int.random(in: 1...9, using: &g), Int.random(in: 1...9, using: &g))
      let batches = Int.random(in: 1...2, using: &g)
      var b = ModelBuilder()
      let x = b.floatTensor([batches, height, width, depth])
      let size = b.int32Constant([Int32(outputHeight), Int32(outputWidth)], shape: [2])
      let output = b.floatTensor([batches, outputHeight, outputWidth, depth])
      let model = b.model(
        .resizeBilinear, inputs: [x, size], output: output,
        options: .resize(alignCorners: trial % 3 == 1, halfPixelCenters: trial % 3 == 2))
      let plan = try FloatResizeBilinearPlan(OperatorContext(model: model, index: 0))
      let input = randomFloats(batches * height * width * depth, &g, range: 3)
      var expected: [Float] = []
      for batch in 0..<batches {
        let image = batch * height * width * depth
        for row in plan.rows {
          for column in plan.columns {
            for c in 0..<depth {
              let a = input[image + row.lower + column.lower + c]
              let bottomLeft = input[image + row.upper + column.lower + c]
              let d = input[image + row.lower + column.upper + c]
              let e = input[image + row.upper + column.upper + c]
              let wy0 = row.lowerWeight
              let wy1 = row.upperWeight
              let wx0 = column.lowerWeight
              let wx1 = column.upperWeight
              let top = a * wy0 * wx0 + bottomLeft * wy1 * wx0
              expected.append(top + d * wy0 * wx1 + e * wy1 * wx1)
            }
          }
        }
      }
      let what = "float resize bilinear trial " + String(trial) + " " + describe(model)
      expect(what, expected, &report) { out in plan.eval(input: input, output: out) }
    }
  }
}

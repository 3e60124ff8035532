@testable import Inference  // ignored (with a warning) where these files are compiled into Inference itself

#if canImport(TestSupport)
  import TestSupport
#endif

/// The kernels built on the GEMM (CONV_2D, FULLY_CONNECTED, BATCH_MATMUL, TRANSPOSE_CONV) against their scalar
/// references, on seeded random shapes whose channel counts are not multiples of the 16-row block and whose
/// pixel counts are not multiples of the 4-pixel tile; outputs inside sentinel-filled buffers.
enum GEMMChecks {
  static var all: [KernelCheck] {
    let convolutionChecks: [KernelCheck] = [(1, 1), (1, 2), (3, 1), (3, 2), (5, 1)].map { kernel, stride in
      KernelCheck(name: "conv2D " + String(kernel) + "x" + String(kernel) + " stride " + String(stride)) {
        (report: inout KernelReport) throws(ModelError) in try convolution(kernel: kernel, stride: stride, &report)
      }
    }
    let edgeChecks: [KernelCheck] = gemmEdges.map { batches, depth, units in
      KernelCheck(name: "fullyConnected " + String(batches) + "x" + String(depth) + " to " + String(units) + " units") {
        (report: inout KernelReport) throws(ModelError) in
        var g = SeededGenerator(state: UInt64(batches * 1_000_000 + depth * 1000 + units))
        let model = fullyConnectedModel(batches: batches, depth: depth, units: units, perChannel: true, &g)
        try compareFullyConnected(model, "fullyConnected", &g, &report)
      }
    }
    return convolutionChecks
      + [
        KernelCheck(name: "conv2D short window rows", run: shortWindowRows),
        KernelCheck(name: "conv2D deep inputs, filled in chunks", run: deepConvolution),
      ]
      + [KernelCheck(name: "fullyConnected random shapes", run: fullyConnected)] + edgeChecks
      + [
        KernelCheck(name: "fullyConnected -128 weights and inputs", run: extremeProducts),
        KernelCheck(name: "batchMatMul constant rhs") {
          (report: inout KernelReport) throws(ModelError) in try batchMatMul(constantRHS: true, &report)
        },
        KernelCheck(name: "batchMatMul activation rhs") {
          (report: inout KernelReport) throws(ModelError) in try batchMatMul(constantRHS: false, &report)
        },
        KernelCheck(name: "transposeConv", run: transposeConv),
      ]
  }

  /// With `symmetric`, weights lie in [-127, 127], as symmetric int8 quantization makes them (a -128 weight
  /// moves cortex-a72's GEMM to its one-product-per-int16-lane form). The default output scale makes every
  /// multiplier below 1/2; 0.0001 makes some above (aarch64's `RightShiftRequantizationBlock` then does not apply).
  /// `inputChannels` defaults to a random count.
  static func randomConvolution(
    _ g: inout some RandomNumberGenerator, kernel: Int, stride: Int, symmetric: Bool = false,
    outputScale: Float = 0.05, inputChannels: Int? = nil
  ) -> Model {
    var b = ModelBuilder()
    let inC = inputChannels ?? Int.random(in: 1...40, using: &g)
    let outC = Int.random(in: 1...40, using: &g)
    let h = Int.random(in: kernel...12, using: &g)
    let w = Int.random(in: kernel...12, using: &g)
    let padding: Padding = Bool.random(using: &g) ? .same : .valid
    let geometry = WindowGeometry(
      input: [1, h, w, inC], outputChannels: outC, filterHeight: kernel, filterWidth: kernel, strideHeight: stride,
      strideWidth: stride, padding: padding)
    let input = b.activation([1, h, w, inC], scale: 0.02, zeroPoint: Int32.random(in: -20...20, using: &g))
    let scales = (0..<outC).map { _ in Float.random(in: 0.001...0.01, using: &g) }
    let filter = b.int8Constant(
      symmetric
        ? (0..<outC * kernel * kernel * inC).map { _ in Int8.random(in: -127...127, using: &g) }
        : randomInt8(outC * kernel * kernel * inC, &g), shape: [outC, kernel, kernel, inC], scales: scales)
    let bias = b.int32Constant((0..<outC).map { _ in Int32.random(in: -5000...5000, using: &g) }, shape: [outC])
    let output = b.activation(
      geometry.outputShape, scale: outputScale, zeroPoint: Int32.random(in: -10...10, using: &g))
    return b.model(
      .conv2D, inputs: [input, filter, bias], output: output,
      options: .conv2D(.init(padding: padding, strideWidth: stride, strideHeight: stride, activation: .relu6)))
  }

  static func convolution(kernel: Int, stride: Int, _ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: UInt64(kernel * 10 + stride))
    for trial in 0..<20 {
      // Every fourth trial's depth is a multiple of 16: aarch64 reads a stride-1 pointwise one's inputs in place.
      let model = randomConvolution(
        &g, kernel: kernel, stride: stride, symmetric: trial.isMultiple(of: 2),
        outputScale: trial % 5 == 4 ? 0.0001 : 0.05,
        inputChannels: trial % 4 == 1 ? 16 * Int.random(in: 1...3, using: &g) : nil)
      let plan = try Conv2DPlan(OperatorContext(model: model, index: 0))
      report.compare(
        "conv2D trial " + String(trial) + " " + describe(model), model, count: model.tensors[3].elementCount,
        scratch: plan.scratchBytes, &g,
        fast: { plan.eval(input: $0, output: $1, scratch: $2) },
        reference: { conv2DReference(plan, input: $0, output: $1) })
    }
  }

  /// Inputs deep enough that `gemm` fills its full tiles in several chunks (`chunkTiles`: one to three tiles
  /// each, by ISA), pointwise at strides 1 (aarch64 reads those in place) and 2, and 3×3.
  static func deepConvolution(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 41)
    for (trial, (kernel, stride)) in [(1, 1), (1, 2), (3, 1), (1, 1), (1, 2), (3, 2)].enumerated() {
      let model = randomConvolution(
        &g, kernel: kernel, stride: stride, symmetric: true, outputScale: trial == 3 ? 0.0001 : 0.05,
        inputChannels: kernel == 1 ? 1104 : 120)
      let plan = try Conv2DPlan(OperatorContext(model: model, index: 0))
      report.compare(
        "deep conv2D trial " + String(trial) + " " + describe(model), model, count: model.tensors[3].elementCount,
        scratch: plan.scratchBytes, &g,
        fast: { plan.eval(input: $0, output: $1, scratch: $2) },
        reference: { conv2DReference(plan, input: $0, output: $1) })
    }
  }

  /// An image's first convolution (`Conv2DPlan.evalShortWindowRows`): 1 to 4 input channels, filters of 1 to 5
  /// taps each way, strides 1 and 2, odd sizes with SAME padding on all sides or on the bottom and right only,
  /// one or two batches, zero points over the whole int8 range.
  static func shortWindowRows(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 31)
    for trial in 0..<60 {
      var b = ModelBuilder()
      let inC = Int.random(in: 1...4, using: &g)
      let outC = [1, 8, 16, 17, 32, 35].randomElement(using: &g)!
      let (kh, kw) =
        trial < 20 ? (3, 3) : (Int.random(in: 1...5, using: &g), Int.random(in: 1...min(5, 16 / inC), using: &g))
      let stride = Int.random(in: 1...2, using: &g)
      let batches = Int.random(in: 1...2, using: &g)
      let (h, w) = (Int.random(in: kh...13, using: &g), Int.random(in: kw...13, using: &g))
      let padding: Padding = trial.isMultiple(of: 4) ? .valid : .same
      let geometry = WindowGeometry(
        input: [batches, h, w, inC], outputChannels: outC, filterHeight: kh, filterWidth: kw, strideHeight: stride,
        strideWidth: stride, padding: padding)
      let input = b.activation(
        [batches, h, w, inC], scale: 0.02, zeroPoint: Int32.random(in: -128...127, using: &g))
      let scales = (0..<outC).map { _ in Float.random(in: 0.001...0.01, using: &g) }
      let filter = b.int8Constant(randomInt8(outC * kh * kw * inC, &g), shape: [outC, kh, kw, inC], scales: scales)
      let bias = b.int32Constant((0..<outC).map { _ in Int32.random(in: -5000...5000, using: &g) }, shape: [outC])
      let output = b.activation(
        geometry.outputShape, scale: 0.05, zeroPoint: Int32.random(in: -128...127, using: &g))
      let model = b.model(
        .conv2D, inputs: [input, filter, bias], output: output,
        options: .conv2D(.init(padding: padding, strideWidth: stride, strideHeight: stride, activation: .none)))
      let plan = try Conv2DPlan(OperatorContext(model: model, index: 0))
      let what = "conv2D short rows trial " + String(trial) + " " + describe(model)
      report.expect(plan.hasShortWindowRows || plan.isPointwise, what + ": not on the short-row path")
      report.compare(
        what, model, count: model.tensors[3].elementCount, scratch: plan.scratchBytes, &g,
        fast: { plan.eval(input: $0, output: $1, scratch: $2) },
        reference: { conv2DReference(plan, input: $0, output: $1) })
    }
  }

  static func fullyConnectedModel(
    batches: Int, depth: Int, units: Int, perChannel: Bool, weights: [Int8]? = nil,
    _ g: inout some RandomNumberGenerator
  ) -> Model {
    var b = ModelBuilder()
    let input = b.activation([batches, depth], scale: 0.02, zeroPoint: Int32.random(in: -20...20, using: &g))
    let scales = perChannel ? (0..<units).map { _ in Float.random(in: 0.001...0.01, using: &g) } : [0.004]
    let filter = b.int8Constant(weights ?? randomInt8(units * depth, &g), shape: [units, depth], scales: scales)
    let bias = b.int32Constant((0..<units).map { _ in Int32.random(in: -5000...5000, using: &g) }, shape: [units])
    let output = b.activation([batches, units], scale: 0.05, zeroPoint: 3)
    return b.model(
      .fullyConnected, inputs: [input, filter, bias], output: output,
      options: .fullyConnected(.init(activation: .none)))
  }

  static func compareFullyConnected(
    _ model: Model, _ what: String, _ g: inout some RandomNumberGenerator, _ report: inout KernelReport
  ) throws(ModelError) {
    let plan = try FullyConnectedPlan(OperatorContext(model: model, index: 0))
    report.compare(
      what + " " + describe(model), model, count: plan.batches * plan.units, scratch: plan.scratchBytes, &g,
      fast: { plan.eval(input: $0, output: $1, scratch: $2) },
      reference: { fullyConnectedReference(plan, input: $0, output: $1) })
  }

  static func fullyConnected(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 3)
    for trial in 0..<30 {
      let model = fullyConnectedModel(
        batches: Int.random(in: 1...6, using: &g), depth: Int.random(in: 1...70, using: &g),
        units: Int.random(in: 1...50, using: &g), perChannel: Bool.random(using: &g), &g)
      try compareFullyConnected(model, "fullyConnected trial " + String(trial), &g, &report)
    }
  }

  /// Every weight and input -128: each product is 2^14, and two of them overflow an int16 lane (cortex-a72's GEMM
  /// adds two products per lane only when no weight is -128).
  static func extremeProducts(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 4)
    let (batches, depth, units) = (5, 40, 17)
    let model = fullyConnectedModel(
      batches: batches, depth: depth, units: units, perChannel: false,
      weights: [Int8](repeating: -128, count: units * depth), &g)
    let plan = try FullyConnectedPlan(OperatorContext(model: model, index: 0))
    report.compare(
      "fullyConnected " + describe(model), model, count: batches * units, scratch: plan.scratchBytes, &g,
      input: [Int8](repeating: -128, count: batches * depth), fast: { plan.eval(input: $0, output: $1, scratch: $2) },
      reference: { fullyConnectedReference(plan, input: $0, output: $1) })
  }

  /// The GEMM's edges (batches, depth, units): one pixel, depths around the 16- and 32-byte vector widths, a
  /// row count one past the 16-row block, a pixel count one past the 4-pixel tile, and a depth large enough to
  /// stress the int32 sums (1280, MobileNetV2's classifier).
  static let gemmEdges = [
    (1, 1, 1), (1, 15, 16), (1, 16, 17), (5, 17, 33), (4, 31, 15), (3, 32, 16), (9, 33, 31), (1, 1280, 1001),
    (2, 960, 48),
  ]

  /// BATCH_MATMUL's fast paths against its plain kernel: a constant rhs packed for the GEMM, or (not
  /// `constantRHS`) both operands activations widened to int16, with zero points over the whole int8 range;
  /// batch dimensions equal, missing and broadcast.
  static func batchMatMul(constantRHS: Bool, _ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: constantRHS ? 21 : 23)
    for trial in 0..<40 {
      var b = ModelBuilder()
      let (rows, depth, columns) = (
        Int.random(in: 1...9, using: &g), Int.random(in: 1...40, using: &g), Int.random(in: 1...35, using: &g)
      )
      let (adjointX, adjointY) = (Bool.random(using: &g), Bool.random(using: &g))
      // Batch dimensions of lhs, rhs and output: equal, missing, and broadcast either way.
      let (lhsBatches, rhsBatches, outputBatches) = [
        ([3], [3], [3]), ([3], [], [3]), ([1], [3], [3]), ([2, 1], [3], [2, 3]), ([2, 3], [1, 3], [2, 3]),
      ].randomElement(using: &g)!
      let lhsShape = lhsBatches + (adjointX ? [depth, rows] : [rows, depth])
      let rhsShape = rhsBatches + (adjointY ? [columns, depth] : [depth, columns])
      let zeroPoints = constantRHS ? -20...20 : Int32(-128)...127
      let lhs = b.activation(lhsShape, scale: 0.02, zeroPoint: Int32.random(in: zeroPoints, using: &g))
      let rhsCount = rhsShape.reduce(1, *)
      let rhs =
        constantRHS
        ? b.int8Constant(randomInt8(rhsCount, &g), shape: rhsShape, scales: [0.01])
        : b.activation(rhsShape, scale: 0.01, zeroPoint: Int32.random(in: zeroPoints, using: &g))
      let output = b.activation(outputBatches + [rows, columns], scale: 0.05, zeroPoint: 3)
      let model = b.model(
        .batchMatMul, inputs: [lhs, rhs], output: output,
        options: .batchMatMul(adjointX: adjointX, adjointY: adjointY))
      let plan = try BatchMatMulPlan(OperatorContext(model: model, index: 0))
      let what = "batchMatMul trial " + String(trial) + " " + describe(model)
      let count = model.tensors[output].elementCount
      if constantRHS {
        report.expect(plan.isPacked, what + ": a constant rhs is not packed for the GEMM")
        let rhsValues = model.bytes.map { Int8(bitPattern: $0) }
        report.compare(
          what, model, count: count, scratch: plan.scratchBytes, &g,
          fast: { plan.eval(lhs: $0, rhs: nil, output: $1, scratch: $2) },
          reference: { input, out in
            rhsValues.withUnsafeBufferPointer { plan.evalReference(lhs: input, rhs: $0.baseAddress!, output: out) }
          })
      } else {
        // One buffer holds both operands: lhs, then rhs.
        let lhsCount = model.tensors[lhs].elementCount
        report.compare(
          what, model, count: count, scratch: plan.scratchBytes, &g, input: randomInt8(lhsCount + rhsCount, &g),
          fast: { plan.eval(lhs: $0, rhs: $0 + lhsCount, output: $1, scratch: $2) },
          reference: { plan.evalReference(lhs: $0, rhs: $0 + lhsCount, output: $1) })
      }
    }
  }

  /// TRANSPOSE_CONV's fused GEMM and col2im against its plain kernel, with and without a bias.
  static func transposeConv(_ report: inout KernelReport) throws(ModelError) {
    var g = SeededGenerator(state: 22)
    for trial in 0..<30 {
      var b = ModelBuilder()
      let inC = [1, 3, 5, 16, 17, 40].randomElement(using: &g)!
      let outC = [1, 6, 15, 16, 17, 33].randomElement(using: &g)!
      let kernel = Int.random(in: 1...4, using: &g)
      let stride = Int.random(in: 1...3, using: &g)
      let padding: Padding = Bool.random(using: &g) ? .same : .valid
      let (h, w) = (Int.random(in: 1...7, using: &g), Int.random(in: 1...7, using: &g))
      let outH = padding == .same ? h * stride : (h - 1) * stride + kernel
      let outW = padding == .same ? w * stride : (w - 1) * stride + kernel
      let shape = b.int32Constant([2, Int32(outH), Int32(outW), Int32(outC)], shape: [4])
      let scales = (0..<outC).map { _ in Float.random(in: 0.001...0.01, using: &g) }
      let filter = b.int8Constant(
        randomInt8(outC * kernel * kernel * inC, &g), shape: [outC, kernel, kernel, inC], scales: scales)
      let input = b.activation([2, h, w, inC], scale: 0.02, zeroPoint: Int32.random(in: -20...20, using: &g))
      var inputs = [shape, filter, input]
      if Bool.random(using: &g) {
        inputs.append(b.int32Constant((0..<outC).map { _ in Int32.random(in: -5000...5000, using: &g) }, shape: [outC]))
      }
      let output = b.activation([2, outH, outW, outC], scale: 0.05, zeroPoint: -4)
      var model = b.model(
        .transposeConv, inputs: inputs, output: output,
        options: .transposeConv(.init(padding: padding, strideWidth: stride, strideHeight: stride)))
      model.inputs = [input]
      // compare() feeds random bytes to tensor 0; make the activation input come first.
      model.tensors.swapAt(0, input)
      model.operators[0].inputs = inputs.map { $0 == input ? 0 : $0 == 0 ? input : $0 }
      let plan = try TransposeConvPlan(OperatorContext(model: model, index: 0))
      report.compare(
        "transposeConv trial " + String(trial) + " " + describe(model), model, count: 2 * outH * outW * outC,
        scratch: plan.scratchBytes, &g,
        fast: { plan.eval(input: $0, output: $1, scratch: $2) },
        reference: { input, out in
          let scratch = UnsafeMutableRawPointer.allocate(byteCount: plan.scratchBytes, alignment: 64)
          defer { scratch.deallocate() }
          plan.evalReference(input: input, output: out, scratch: scratch)
        })
    }
  }
}

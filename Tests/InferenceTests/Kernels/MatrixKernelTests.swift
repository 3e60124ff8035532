import TestSupport
import Testing

@testable import Inference

/// BATCH_MATMUL's GEMM path and TRANSPOSE_CONV's fused GEMM and col2im against their plain kernels, on seeded
/// random shapes (channel counts off the 16-row block, pixel counts off the 4-pixel tile), outputs inside
/// sentinel-filled buffers.
@Suite struct MatrixKernelTests {
  let fast = FastKernelTests()

  @Test func batchMatMulWithConstantRhsMatchesPlainKernel() throws {
    var g = SeededGenerator(state: 21)
    for _ in 0..<40 {
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
      let lhs = b.activation(lhsShape, scale: 0.02, zeroPoint: Int32.random(in: -20...20, using: &g))
      let rhs = b.int8Constant(
        fast.randomInt8(rhsShape.reduce(1, *), &g), shape: rhsShape, scales: [0.01])
      let output = b.activation(outputBatches + [rows, columns], scale: 0.05, zeroPoint: 3)
      let model = b.model(
        .batchMatMul, inputs: [lhs, rhs], output: output,
        options: .batchMatMul(adjointX: adjointX, adjointY: adjointY))
      let plan = try BatchMatMulPlan(OperatorContext(model: model, index: 0))
      #expect(plan.isPacked)
      let rhsValues = model.bytes.map { Int8(bitPattern: $0) }
      fast.compare(
        model, count: model.tensors[output].elementCount, scratch: plan.scratchBytes, &g,
        fast: { plan.eval(lhs: $0, rhs: nil, output: $1, scratch: $2) },
        reference: { input, out in
          rhsValues.withUnsafeBufferPointer { plan.evalReference(lhs: input, rhs: $0.baseAddress!, output: out) }
        })
    }
  }

  @Test func transposeConvMatchesPlainKernel() throws {
    var g = SeededGenerator(state: 22)
    for _ in 0..<30 {
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
        fast.randomInt8(outC * kernel * kernel * inC, &g), shape: [outC, kernel, kernel, inC], scales: scales)
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
      fast.compare(
        model, count: 2 * outH * outW * outC, scratch: plan.scratchBytes, &g,
        fast: { plan.eval(input: $0, output: $1, scratch: $2) },
        reference: { input, out in
          let scratch = UnsafeMutableRawPointer.allocate(byteCount: plan.scratchBytes, alignment: 64)
          defer { scratch.deallocate() }
          plan.evalReference(input: input, output: out, scratch: scratch)
        })
    }
  }
}

import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Inference

/// A `ParallelExecutor` over Dispatch's threads (the real `WorkerPool` lives in Platform, which Inference's
/// tests do not see; PipelineTests run the suite on it).
final class DispatchExecutor: ParallelExecutor {
  let width: Int
  init(width: Int) { self.width = width }

  func run(_ tasks: Int, _ body: (Int, Int) -> Void) {
    let next = Atomic<Int>(0)
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let body = body
      DispatchQueue.concurrentPerform(iterations: width) { worker in
        while true {
          let task = next.add(1, ordering: .relaxed).oldValue
          if task >= tasks { return }
          body(task, worker)
        }
      }
    }
  }
}

/// The split kernels with every split forced (no minimum work per task), on seeded random shapes: the output
/// must be byte-identical to the one-thread run, with nothing written outside it.
@Suite struct ThreadedKernelTests {
  typealias Eval = (UnsafePointer<Int8>, UnsafeMutablePointer<Int8>, UnsafeMutableRawPointer, KernelThreads) -> Void

  func compareWithSerial(_ model: Model, count: Int, scratch: Int, _ g: inout some RandomNumberGenerator, eval: Eval) {
    let input = (0..<model.tensors[0].elementCount).map { _ in Int8.random(in: -128...127, using: &g) }
    let stride = (scratch + 63) / 64 * 64
    for width in [2, 3] {
      let threads = KernelThreads(executor: DispatchExecutor(width: width), scratchStride: stride, minimumTaskMACs: 1)
      let scratchMemory = UnsafeMutableRawPointer.allocate(byteCount: max(stride * width, 1), alignment: 64)
      defer { scratchMemory.deallocate() }
      var expected = [Int8](repeating: kernelSentinel, count: count)
      var actual = [Int8](repeating: kernelSentinel, count: count + 64)
      input.withUnsafeBufferPointer { x in
        expected.withUnsafeMutableBufferPointer { eval(x.baseAddress!, $0.baseAddress!, scratchMemory, .serial) }
        actual.withUnsafeMutableBufferPointer { eval(x.baseAddress!, $0.baseAddress! + 32, scratchMemory, threads) }
      }
      #expect(Array(actual[32..<(32 + count)]) == expected, "\(width) threads")
      #expect(
        actual[..<32].allSatisfy { $0 == kernelSentinel }
          && actual[(32 + count)...].allSatisfy { $0 == kernelSentinel })
    }
  }

  @Test(arguments: [(1, 1), (1, 2), (3, 1), (3, 2)])
  func convolutionSplitsByTilesOrRows(kernel: Int, stride: Int) throws {
    var g = SeededGenerator(state: UInt64(100 + kernel * 10 + stride))
    for _ in 0..<15 {
      let model = GEMMChecks.randomConvolution(&g, kernel: kernel, stride: stride)
      let plan = try Conv2DPlan(OperatorContext(model: model, index: 0))
      compareWithSerial(model, count: model.tensors[3].elementCount, scratch: plan.scratchBytes, &g) {
        plan.eval(input: $0, output: $1, scratch: $2, threads: $3)
      }
    }
  }

  @Test(arguments: [(1, 1280, 1001), (3, 64, 40), (9, 33, 31), (40, 16, 5)])
  func fullyConnectedSplits(batches: Int, depth: Int, units: Int) throws {
    var g = SeededGenerator(state: UInt64(batches * 1000 + units))
    let model = GEMMChecks.fullyConnectedModel(
      batches: batches, depth: depth, units: units, perChannel: true, &g)
    let plan = try FullyConnectedPlan(OperatorContext(model: model, index: 0))
    compareWithSerial(model, count: batches * units, scratch: plan.scratchBytes, &g) {
      plan.eval(input: $0, output: $1, scratch: $2, threads: $3)
    }
  }

  @Test(arguments: [(3, 1, 1), (3, 2, 1), (5, 1, 2)])
  func depthwiseSplitsByRows(kernel: Int, stride: Int, batches: Int) throws {
    var g = SeededGenerator(state: UInt64(200 + kernel * 10 + stride + batches))
    for _ in 0..<15 {
      var b = ModelBuilder()
      let channels = Int.random(in: 1...40, using: &g)
      let h = Int.random(in: kernel...13, using: &g)
      let w = Int.random(in: kernel...9, using: &g)
      let geometry = WindowGeometry(
        input: [batches, h, w, channels], outputChannels: channels, filterHeight: kernel, filterWidth: kernel,
        strideHeight: stride, strideWidth: stride, padding: .same)
      let input = b.activation([batches, h, w, channels], scale: 0.02, zeroPoint: Int32.random(in: -9...9, using: &g))
      let scales = (0..<channels).map { _ in Float.random(in: 0.001...0.05, using: &g) }
      let filter = b.int8Constant(
        (0..<kernel * kernel * channels).map { _ in Int8.random(in: -128...127, using: &g) },
        shape: [1, kernel, kernel, channels], scales: scales, dimension: 3)
      let bias = b.int32Constant(
        (0..<channels).map { _ in Int32.random(in: -9000...9000, using: &g) }, shape: [channels])
      let output = b.activation(geometry.outputShape, scale: 0.03, zeroPoint: 2)
      let model = b.model(
        .depthwiseConv2D, inputs: [input, filter, bias], output: output,
        options: .depthwiseConv2D(
          .init(
            padding: .same, strideWidth: stride, strideHeight: stride, depthMultiplier: 1, dilationWidth: 1,
            dilationHeight: 1, activation: .relu6)))
      let plan = try DepthwiseConv2DPlan(OperatorContext(model: model, index: 0))
      compareWithSerial(model, count: geometry.outputShape.reduce(1, *), scratch: plan.scratchBytes, &g) {
        plan.eval(input: $0, output: $1, scratch: $2, threads: $3)
      }
    }
  }
}

import Foundation
import Inference
import Pipeline
import Platform
import TestSupport
import Testing

/// Every model of models/suite, its kernels split over a `WorkerPool` of 2 and 3 threads, must still reproduce
/// LiteRT's reference output byte for byte (the MobileNets split most of their layers; the small per-operator
/// models mostly run below the split threshold, which must not change them either).
@Suite struct ThreadedSuiteTests {
  @Test func theSuiteIncludesTheMobileNets() {
    #expect(ModelSuite.names.contains("mobilenet_v2_1.0_224") && ModelSuite.names.contains("mobilenet_v2_0.35_96"))
  }

  @Test(arguments: ModelSuite.names, [2, 3])
  func outputMatchesReferenceWithThreads(name: String, threads: Int) throws {
    let pool = try WorkerPool.kernels(threads: threads)
    #expect(pool?.width == threads)
    let interpreter = try Interpreter(model: try Model(flatbuffer: ModelSuite.file(name + ".tflite")), executor: pool)
    #expect(interpreter.threads == threads)
    let input = try NumPyArray(npy: ModelSuite.file(name + ".input.npy"))
    let expected = try NumPyArray(npy: ModelSuite.file(name + ".output.npy"))
    // Twice: the second run reuses the parked or spinning threads and the per-thread scratch.
    for _ in 0..<2 {
      interpreter.withInputBytes(0) { buffer in
        guard buffer.count == input.bytes.count else { return }
        buffer.copyBytes(from: input.bytes)
      }
      interpreter.invoke()
      let actual = interpreter.withOutputBytes(0) { Array($0) }
      let mismatches = zip(actual, expected.bytes).filter { $0 != $1 }.count
      #expect(actual == expected.bytes, "\(name), \(threads) threads: \(mismatches) of \(expected.bytes.count) differ")
    }
  }

  @Test func oneThreadMeansNoPoolAndTheSameArena() throws {
    #expect(try WorkerPool.kernels(threads: 1) == nil)
    let model = try Model(flatbuffer: ModelSuite.file("mobilenet_v2_1.0_224.tflite"))
    let serial = try Interpreter(model: model)
    #expect(serial.threads == 1)
    // TFLite Micro's planner needs 1,505,280 bytes for this model (tools/measure-arena); kernel scratch is planned
    // into gaps, so only buffer alignment (64 bytes here, 16 there) may separate the two.
    #expect(serial.arenaBytes <= 1_505_280 + 2 * ArenaPlanner.alignment)
    // Further threads need scratch areas of their own.
    let threaded = try Interpreter(model: model, executor: try WorkerPool.kernels(threads: 3))
    #expect(threaded.arenaBytes >= serial.arenaBytes)
  }
}

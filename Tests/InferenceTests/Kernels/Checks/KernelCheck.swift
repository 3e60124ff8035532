@testable import Inference  // ignored (with a warning) where these files are compiled into Inference itself

#if canImport(TestSupport)
  import TestSupport
#endif

/// One named kernel check: runs a fast kernel against its reference and reports every mismatch.
///
/// The checks in this folder are plain Swift that also compiles in Embedded mode: cross/test-kernels builds them
/// into the Inference module of each device kernel variant (VNNI, NEON, sdot…) and runs them there, and
/// KernelChecksTests runs them in the hosted tests. So: no Foundation, no Swift Testing, typed throws only.
struct KernelCheck: Sendable {
  let name: String
  let run: @Sendable (inout KernelReport) throws(ModelError) -> Void
}

/// What a check found: a description of each mismatch.
struct KernelReport {
  var failures: [String] = []

  /// Records `description` when `condition` is false.
  mutating func expect(_ condition: Bool, _ description: @autoclosure () -> String) {
    if !condition { failures.append(description()) }
  }
}

/// The byte written around and into output buffers before a kernel runs, so that a write out of bounds (or a
/// missing one) shows.
let kernelSentinel: Int8 = 0x5A

func randomInt8(_ count: Int, _ g: inout some RandomNumberGenerator) -> [Int8] {
  (0..<count).map { _ in Int8.random(in: -128...127, using: &g) }
}

extension KernelReport {
  /// Runs `fast` and `reference` on the same input (for the model's tensor 0: `input`, or random) and expects the
  /// same `count` output bytes, with `fast`'s output inside a sentinel-filled buffer left untouched on both sides.
  mutating func compare(
    _ what: @autoclosure () -> String, _ model: Model, count: Int, scratch: Int, _ g: inout some RandomNumberGenerator,
    input: [Int8]? = nil, fast: (UnsafePointer<Int8>, UnsafeMutablePointer<Int8>, UnsafeMutableRawPointer) -> Void,
    reference: (UnsafePointer<Int8>, UnsafeMutablePointer<Int8>) -> Void
  ) {
    let input = input ?? randomInt8(model.tensors[0].elementCount, &g)
    var expected = [Int8](repeating: kernelSentinel, count: count)
    var actual = [Int8](repeating: kernelSentinel, count: count + 64)
    let scratchMemory = UnsafeMutableRawPointer.allocate(byteCount: max(scratch, 1), alignment: 64)
    defer { scratchMemory.deallocate() }
    input.withUnsafeBufferPointer { x in
      expected.withUnsafeMutableBufferPointer { reference(x.baseAddress!, $0.baseAddress!) }
      actual.withUnsafeMutableBufferPointer { fast(x.baseAddress!, $0.baseAddress! + 32, scratchMemory) }
    }
    expectOutput(what(), Array(actual[32..<(32 + count)]), expected)
    expectSentinels(what(), actual[..<32], actual[(32 + count)...])
  }

  /// Expects `actual == expected`, naming the first differing byte.
  mutating func expectOutput(_ what: @autoclosure () -> String, _ actual: [Int8], _ expected: [Int8]) {
    guard actual != expected else { return }
    let index =
      (0..<min(actual.count, expected.count)).first { actual[$0] != expected[$0] }
      ?? min(actual.count, expected.count)
    let got = index < actual.count ? String(actual[index]) : "none"
    let want = index < expected.count ? String(expected[index]) : "none"
    failures.append(
      what() + ": output byte " + String(index) + " of " + String(expected.count) + " is " + got + ", expected "
        + want)
  }

  /// Expects every byte of `before` and `after` (the buffer around an output) to be the sentinel.
  mutating func expectSentinels(
    _ what: @autoclosure () -> String, _ before: ArraySlice<Int8>, _ after: ArraySlice<Int8>
  ) {
    expect(before.allSatisfy { $0 == kernelSentinel }, what() + ": a byte before the output was overwritten")
    expect(after.allSatisfy { $0 == kernelSentinel }, what() + ": a byte after the output was overwritten")
  }
}

/// Every kernel check, in the order the runners run them.
let kernelChecks: [KernelCheck] = GEMMChecks.all + VectorChecks.all + FloatChecks.all

/// "1x5x5x3": a shape for a failure's description.
func describe(_ shape: [Int]) -> String {
  shape.map { String($0) }.joined(separator: "x")
}

/// The operator's input and output shapes, for a failure's description.
func describe(_ model: Model) -> String {
  let op = model.operators[0]
  return op.inputs.map { describe(model.tensors[$0].shape) }.joined(separator: ", ") + " to "
    + describe(model.tensors[op.outputs[0]].shape)
}

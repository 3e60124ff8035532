import Foundation
import TestSupport
import Testing

extension EndToEnd {
  /// `edgediag model bench` reports its own footprint, not its parent's.
  @Suite struct ModelBench {
    /// Started from a process with 256 MB resident, the benchmark of a small model must report a peak RSS of a
    /// few MB: getrusage's `ru_maxrss` counted the 256 MB of the image the child replaced with exec.
    @Test func peakResidentSizeIsTheBenchmarksOwn() throws {
      let size = 256 * 1024 * 1024
      let ballast = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
      defer { ballast.deallocate() }
      ballast.initializeMemory(as: UInt8.self, repeating: 1, count: size)
      let folder = try TemporaryDirectory()
      let model = ModelSuite.folder.appendingPathComponent("mobilenet_v2_0.35_96.tflite").path
      let result = try runEdgediag(["model", "bench", model, "--iterations", "2"], in: folder.path)
      try #require(result.status == 0, "model bench failed: \(result.error)")
      let line = try #require(result.output.split(separator: "\n").last { $0.contains("peak RSS") })
      let bytes = try #require(line.split(separator: " ").dropLast().last.flatMap { Int($0) }, "\(line)")
      #expect(bytes > 1_000_000 && bytes < 100_000_000, "\(line)")
    }
  }
}

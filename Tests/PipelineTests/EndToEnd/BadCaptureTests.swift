import Foundation
import Testing

extension EndToEnd {
  /// Files that are not good JPEGs, or that need more than the configured memory to decode, are rejected, each
  /// with its reason, and the daemon keeps going.
  @Suite struct BadCaptures {
    @Test func badFilesAreRejectedWithTheirReasonAndTheDaemonKeepsGoing() throws {
      let fixture = try DaemonFixture(capture: "max_file_bytes = 100000\nmax_decode_memory_bytes = 1048576")
      let daemon = try fixture.start()
      let bad: [(name: String, bytes: [UInt8], reason: String)] = [
        ("corrupt.jpg", Captures.corrupt, "corrupt"),
        ("truncated.jpg", Captures.truncated, "truncated"),
        ("empty.jpg", [], "empty"),
        ("png-bytes.jpg", Captures.png, "not-a-jpeg"),
        ("decompression-bomb.jpg", Captures.hugeDimensions, "too-large"),
        ("progressive-bomb.jpg", Captures.progressiveBomb, "too-many-scans"),
        ("memory-hungry.jpg", Captures.progressiveLarge, "memory-limit"),
        ("oversized.jpg", Captures.jpeg(seed: 1) + [UInt8](repeating: 0, count: 100_000), "file-too-large"),
      ]
      for file in bad { CaptureWriter.write(file.bytes, to: fixture.path(file.name)) }
      CaptureWriter.write(Captures.jpeg(seed: 2), to: fixture.path("good.jpg"))

      let outcomes = try fixture.waitForOutcomes(count: bad.count + 1, timeout: 30)
      #expect(daemon.isRunning, "the daemon stopped: \(daemon.log)")
      #expect(daemon.terminate() == 0)
      let byName = Dictionary(outcomes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      #expect(outcomes.count == bad.count + 1)
      for file in bad {
        let outcome = try #require(byName[file.name], "no outcome for \(file.name)")
        #expect(outcome.outcome == "rejected", "\(file.name): \(outcome.outcome) \(outcome.reason)")
        #expect(outcome.reason.hasPrefix(file.reason + ":"), "\(file.name): \(outcome.reason)")
      }
      #expect(byName["memory-hungry.jpg"]?.reason.contains("the memory limit of 1048576 bytes") == true)
      // Each configured limit names the key that sets it.
      for (name, key) in [
        ("decompression-bomb.jpg", "max_pixels"), ("progressive-bomb.jpg", "max_scans"),
        ("memory-hungry.jpg", "max_decode_memory_bytes"),
      ] {
        #expect(byName[name]?.reason.hasSuffix("([capture] \(key))") == true, "\(byName[name]?.reason ?? "")")
      }
      let good = try #require(byName["good.jpg"])
      #expect(["negative", "finding", "uncertain"].contains(good.outcome), "\(good.reason)")
    }
  }
}

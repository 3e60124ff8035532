import Foundation
import Testing

extension EndToEnd {
  /// The input gate in the running daemon: a black, flat grey, tiny or 20:1 frame never reaches the model. Each
  /// is `rejected` with its reason in the ledger (`outcomes`) and the journal, and moved to the quarantine folder
  /// like any rejected capture; an ordinary capture beside them is classified.
  @Suite struct Gate {
    @Test func implausibleFramesAreRejectedWithTheirReasonAndQuarantined() throws {
      let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-gate-\(UUID().uuidString)")
      let quarantine = base.appendingPathComponent("quarantine").path
      defer { try? FileManager.default.removeItem(at: base) }
      let fixture = try DaemonFixture(capture: "quarantine_directory = \(quarantine)")
      let daemon = try fixture.start()
      let captures: [(name: String, bytes: [UInt8], reason: String)] = [
        (
          "black.jpg", Captures.flat(level: 0),
          "near-uniform-frame: luma standard deviation 0.00, below the model card's minimum of 2.00"
        ),
        (
          "grey.jpg", Captures.flat(level: 128),
          "near-uniform-frame: luma standard deviation 0.00, below the model card's minimum of 2.00"
        ),
        (
          "tiny.jpg", Captures.noise(width: 8, height: 8),
          "too-small: 8x8 pixels, below the model card's minimum width of 16"
        ),
        (
          "strip.jpg", Captures.noise(width: 400, height: 20),
          "extreme-aspect-ratio: 400x20 pixels, 20.0 to 1, above the model card's maximum of 10.0"
        ),
      ]
      for capture in captures { CaptureWriter.write(capture.bytes, to: fixture.path(capture.name)) }
      CaptureWriter.write(Captures.jpeg(seed: 3), to: fixture.path("ordinary.jpg"))
      let outcomes = try fixture.waitForOutcomes(count: captures.count + 1, timeout: 30)
      #expect(daemon.terminate() == 0)

      let byName = Dictionary(outcomes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      for capture in captures {
        let outcome = try #require(byName[capture.name])
        #expect(outcome.outcome == "rejected" && outcome.reason == capture.reason, "\(capture.name)")
        #expect(daemon.log.contains("capture \(outcome.capture): rejected: \(capture.reason)"), "\(capture.name)")
        #expect(FileManager.default.fileExists(atPath: quarantine + "/\(outcome.capture)-\(capture.name)"))
      }
      // The journal names captures by id unless configured otherwise: the gate's reasons do not change that.
      #expect(!daemon.log.contains("black.jpg"))
      let ordinary = try #require(byName["ordinary.jpg"])
      #expect(ordinary.outcome != "rejected" && ordinary.outcome != "failed" && ordinary.label != nil)
      #expect(FileManager.default.fileExists(atPath: fixture.path("ordinary.jpg")))
    }
  }
}

import Foundation
import Testing

extension EndToEnd {
  /// With `disposition = move`, recorded captures leave the capture folder: rejected ones to the quarantine
  /// folder, the others to the archive, each named by its capture id so reused camera file names never clash.
  @Suite struct Disposition {
    @Test func recordedCapturesMoveToArchiveOrQuarantine() throws {
      let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-dispose-\(UUID().uuidString)")
      let archive = base.appendingPathComponent("archive").path
      let quarantine = base.appendingPathComponent("quarantine").path
      defer { try? FileManager.default.removeItem(at: base) }
      let fixture = try DaemonFixture(
        capture: "disposition = move\narchive_directory = \(archive)\nquarantine_directory = \(quarantine)")
      let daemon = try fixture.start()
      CaptureWriter.write(Captures.jpeg(seed: 3), to: fixture.path("good.jpg"))
      CaptureWriter.write(Captures.truncated, to: fixture.path("bad.jpg"))
      let outcomes = try fixture.waitForOutcomes(count: 2, timeout: 30)
      #expect(daemon.terminate() == 0)

      let byName = Dictionary(outcomes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      let good = try #require(byName["good.jpg"])
      let bad = try #require(byName["bad.jpg"])
      #expect(!FileManager.default.fileExists(atPath: fixture.path("good.jpg")))
      #expect(!FileManager.default.fileExists(atPath: fixture.path("bad.jpg")))
      #expect(FileManager.default.fileExists(atPath: archive + "/\(good.capture)-good.jpg"))
      #expect(FileManager.default.fileExists(atPath: quarantine + "/\(bad.capture)-bad.jpg"))
    }
  }
}

import Foundation
import Pipeline
import Testing

extension EndToEnd {
  /// D14: one rule for symbolic links, however they arrive (made in place, renamed in, there at start): never a
  /// capture, so a link cannot make the daemon read a file outside the capture folder. A hard link is a capture,
  /// processed when it is made.
  @Suite struct Links {
    @Test func symlinksAreNeverCapturesAndHardLinksAreProcessedAtOnce() throws {
      let fixture = try DaemonFixture(workers: 1)
      let outside = fixture.directory.path + "/outside"
      try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
      CaptureWriter.write(Captures.jpeg(seed: 1), to: outside + "/secret.jpg")
      CaptureWriter.write(Captures.jpeg(seed: 2), to: outside + "/linked.jpg")
      try FileManager.default.createSymbolicLink(
        atPath: fixture.path("at-start.jpg"), withDestinationPath: outside + "/secret.jpg")
      let daemon = try fixture.start()

      try FileManager.default.createSymbolicLink(
        atPath: fixture.path("in-place.jpg"), withDestinationPath: outside + "/secret.jpg")
      try FileManager.default.createSymbolicLink(
        atPath: outside + "/moving.jpg", withDestinationPath: outside + "/secret.jpg")
      try FileManager.default.moveItem(atPath: outside + "/moving.jpg", toPath: fixture.path("moved-in.jpg"))
      try FileManager.default.linkItem(atPath: outside + "/linked.jpg", toPath: fixture.path("hard-link.jpg"))
      // One worker takes captures in the order they came: once the last is recorded, every earlier one was seen.
      CaptureWriter.renameIn(Captures.jpeg(seed: 3), to: fixture.path("last.jpg"))
      try #require(try fixture.waitForOutcome(named: "last.jpg"), "\(daemon.log)")
      #expect(daemon.terminate() == 0)
      expectOneOutcomeEach(try fixture.outcomes(), for: ["hard-link.jpg", "last.jpg"])
    }
  }
}

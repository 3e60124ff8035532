import Foundation
import Pipeline
import Testing

extension EndToEnd {
  /// How files reach the capture folder: written slowly, renamed in, under names that are not captures, into a
  /// folder that was deleted and made again.
  @Suite struct CaptureArrival {
    /// With one worker, captures are taken in the order they came: a capture written later and recorded says that
    /// every earlier event was seen, so the tests wait for one instead of sleeping.
    @Test func aFileWrittenSlowlyIsProcessedOnceAfterItIsClosed() throws {
      let fixture = try DaemonFixture(workers: 1)
      let daemon = try fixture.start()
      let (bytes, path) = (Captures.jpeg(seed: 7), fixture.path("slow.jpg"))
      let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      try #require(descriptor >= 0)
      let half = bytes.count / 2
      bytes.withUnsafeBytes { #expect(Glibc.write(descriptor, $0.baseAddress!, half) == half) }
      // While the writer holds the file open, nothing is claimed.
      CaptureWriter.write(Captures.jpeg(seed: 8), to: fixture.path("meanwhile.jpg"))
      try #require(try fixture.waitForOutcome(named: "meanwhile.jpg"), "\(daemon.log)")
      #expect(!(try fixture.outcomes().contains { $0.name == "slow.jpg" }), "processed before the writer closed it")
      #expect(!(try fixture.pendingClaims().contains(path)), "claimed before the writer closed the file")
      bytes.withUnsafeBytes {
        #expect(Glibc.write(descriptor, $0.baseAddress! + half, bytes.count - half) == bytes.count - half)
      }
      close(descriptor)

      try #require(try fixture.waitForOutcome(named: "slow.jpg"), "\(daemon.log)")
      CaptureWriter.write(Captures.jpeg(seed: 9), to: fixture.path("after.jpg"))
      try #require(try fixture.waitForOutcome(named: "after.jpg"), "\(daemon.log)")
      #expect(daemon.terminate() == 0)
      let slow = try fixture.outcomes().filter { $0.name == "slow.jpg" }
      try #require(slow.count == 1, "\(slow.count) outcomes for the slowly written file")
      #expect(["negative", "finding", "uncertain"].contains(slow[0].outcome), "\(slow[0].reason)")
      #expect(slow[0].sha256 == SHA256.hex(of: bytes), "the outcome is not for the whole file")
    }

    @Test func filesRenamedInAreProcessedAndHiddenOrTemporaryNamesAreNot() throws {
      let fixture = try DaemonFixture(workers: 1)
      let daemon = try fixture.start()
      CaptureWriter.renameIn(Captures.jpeg(seed: 1), to: fixture.path("renamed.jpg"))
      for name in [".hidden.jpg", "scan.jpg.tmp", "scan.jpg.part", "backup.jpg~", "notes.txt", "IMG.png"] {
        CaptureWriter.write(Captures.jpeg(seed: 2), to: fixture.path(name))
      }
      // Upper-case extensions are captures too. Written last: once it is recorded, every earlier event was seen.
      CaptureWriter.write(Captures.jpeg(seed: 3), to: fixture.path("LAST.JPEG"))
      try #require(try fixture.waitForOutcome(named: "LAST.JPEG"), "\(daemon.log)")
      #expect(daemon.terminate() == 0)

      let outcomes = try fixture.outcomes()
      #expect(outcomes.map(\.name).sorted() == ["LAST.JPEG", "renamed.jpg"])
      #expect(outcomes.allSatisfy { $0.outcome != "rejected" && $0.outcome != "failed" })
    }

    @Test func aCaptureFolderDeletedAndMadeAgainIsWatchedAgain() throws {
      let fixture = try DaemonFixture(workers: 1)
      let daemon = try fixture.start()
      CaptureWriter.write(Captures.jpeg(seed: 1), to: fixture.path("before.jpg"))
      try #require(try fixture.waitForOutcomes(count: 1, timeout: 30).count == 1)

      // Deleted, noticed, made again a while later: the daemon's retry finds it.
      try FileManager.default.removeItem(atPath: fixture.capture)
      #expect(daemon.waitUntilLogged("cannot watch the capture folder", timeout: 10), "\(daemon.log)")
      try FileManager.default.createDirectory(atPath: fixture.capture, withIntermediateDirectories: false)
      CaptureWriter.write(Captures.jpeg(seed: 2), to: fixture.path("recreated.jpg"))
      #expect(daemon.waitUntilLogged("capture folder is back", timeout: 15), "\(daemon.log)")
      CaptureWriter.renameIn(Captures.jpeg(seed: 3), to: fixture.path("after-return.jpg"))
      try #require(try fixture.waitForOutcomes(count: 3, timeout: 30).count == 3)

      // Deleted and made again at once, before the daemon could notice.
      try FileManager.default.removeItem(atPath: fixture.capture)
      try FileManager.default.createDirectory(atPath: fixture.capture, withIntermediateDirectories: false)
      CaptureWriter.write(Captures.jpeg(seed: 4), to: fixture.path("quick.jpg"))
      _ = try fixture.waitForOutcomes(count: 4, timeout: 30)
      CaptureWriter.write(Captures.jpeg(seed: 5), to: fixture.path("quick-after.jpg"))
      try #require(try fixture.waitForOutcome(named: "quick-after.jpg"), "\(daemon.log)")
      #expect(daemon.isRunning)
      #expect(daemon.terminate() == 0)

      let names = try fixture.outcomes().map(\.name).sorted()
      #expect(names == ["after-return.jpg", "before.jpg", "quick-after.jpg", "quick.jpg", "recreated.jpg"])
    }
  }
}

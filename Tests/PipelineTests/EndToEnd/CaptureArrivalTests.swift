import Foundation
import Pipeline
import Testing

extension EndToEnd {
  /// How files reach the capture folder: written slowly, renamed in, under names that are not captures, into a
  /// folder that was deleted and made again.
  @Suite struct CaptureArrival {
    @Test func aFileWrittenSlowlyIsProcessedOnceAfterItIsClosed() throws {
      let fixture = try DaemonFixture()
      let daemon = try fixture.start()
      let (bytes, path) = (Captures.jpeg(seed: 7), fixture.path("slow.jpg"))
      let writer = Thread { CaptureWriter.write(bytes, to: path, chunks: 5, pause: 0.4) }
      writer.start()
      // While the writer pauses between its chunks, nothing is claimed.
      Thread.sleep(forTimeInterval: 1.2)
      #expect(try fixture.outcomes().isEmpty, "processed before the writer closed the file")
      let outcomes = try fixture.waitForOutcomes(count: 1, timeout: 30)
      try #require(outcomes.count == 1)
      #expect(outcomes[0].name == "slow.jpg")
      #expect(["negative", "finding", "uncertain"].contains(outcomes[0].outcome), "\(outcomes[0].reason)")
      #expect(outcomes[0].sha256 == SHA256.hex(of: bytes), "the outcome is not for the whole file")

      Thread.sleep(forTimeInterval: 0.5)
      #expect(daemon.terminate() == 0)
      #expect(try fixture.outcomes().count == 1)
    }

    @Test func filesRenamedInAreProcessedAndHiddenOrTemporaryNamesAreNot() throws {
      let fixture = try DaemonFixture()
      let daemon = try fixture.start()
      CaptureWriter.renameIn(Captures.jpeg(seed: 1), to: fixture.path("renamed.jpg"))
      for name in [".hidden.jpg", "scan.jpg.tmp", "scan.jpg.part", "backup.jpg~", "notes.txt", "IMG.png"] {
        CaptureWriter.write(Captures.jpeg(seed: 2), to: fixture.path(name))
      }
      // Upper-case extensions are captures too. Written last: once it is done, every earlier event was seen.
      CaptureWriter.write(Captures.jpeg(seed: 3), to: fixture.path("LAST.JPEG"))
      _ = try fixture.waitForOutcomes(count: 2, timeout: 30)
      Thread.sleep(forTimeInterval: 0.5)
      #expect(daemon.terminate() == 0)

      let outcomes = try fixture.outcomes()
      #expect(outcomes.map(\.name).sorted() == ["LAST.JPEG", "renamed.jpg"])
      #expect(outcomes.allSatisfy { $0.outcome != "rejected" && $0.outcome != "failed" })
    }

    @Test func aCaptureFolderDeletedAndMadeAgainIsWatchedAgain() throws {
      let fixture = try DaemonFixture()
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
      _ = try fixture.waitForOutcomes(count: 5, timeout: 30)
      Thread.sleep(forTimeInterval: 0.5)
      #expect(daemon.isRunning)
      #expect(daemon.terminate() == 0)

      let names = try fixture.outcomes().map(\.name).sorted()
      #expect(names == ["after-return.jpg", "before.jpg", "quick-after.jpg", "quick.jpg", "recreated.jpg"])
    }
  }
}

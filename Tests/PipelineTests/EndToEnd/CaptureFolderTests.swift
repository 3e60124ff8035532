import Foundation
import Pipeline
import TestSupport
import Testing

extension EndToEnd {
  /// Capture folders that are not plain folders: a symbolic link (D6), a file, a tree with a subfolder that
  /// cannot be watched (D7).
  @Suite struct CaptureFolder {
    /// Makes the fixture's capture folder a symbolic link to `target` (made unless `makeTarget` is false).
    private static func linkCaptureFolder(_ fixture: DaemonFixture, to target: String, makeTarget: Bool = true) throws {
      try FileManager.default.removeItem(atPath: fixture.capture)
      if makeTarget { try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true) }
      try FileManager.default.createSymbolicLink(atPath: fixture.capture, withDestinationPath: target)
    }

    /// D6: a configured capture folder that is a symbolic link to a folder is watched through the link.
    @Test func aCaptureFolderThatIsASymlinkIsWatched() throws {
      let fixture = try DaemonFixture()
      try Self.linkCaptureFolder(fixture, to: fixture.directory.path + "/share")
      let daemon = try fixture.start()
      #expect(daemon.log.contains("ready: watching"), "\(daemon.log)")
      CaptureWriter.renameIn(Captures.jpeg(seed: 1), to: fixture.path("through-link.jpg"))
      CaptureWriter.renameIn(Captures.jpeg(seed: 2), to: fixture.directory.path + "/share/in-target.jpg")
      let outcomes = try fixture.waitForOutcomes(count: 2, timeout: 30)
      #expect(daemon.terminate() == 0)
      expectOneOutcomeEach(outcomes, for: ["through-link.jpg", "in-target.jpg"])
    }

    /// D6: while the link leads nowhere the daemon says it is waiting, never "watching"; once the link's target
    /// appears, it is watched.
    @Test func aDanglingSymlinkIsWaitedForAndNeverCalledWatched() throws {
      let fixture = try DaemonFixture()
      let target = fixture.directory.path + "/later"
      try Self.linkCaptureFolder(fixture, to: target, makeTarget: false)
      let daemon = try fixture.start()
      #expect(daemon.log.contains("ready: waiting for \(fixture.capture)"), "\(daemon.log)")
      #expect(!daemon.log.contains("ready: watching"), "\(daemon.log)")
      try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
      try #require(daemon.waitUntilLogged("capture folder is back", timeout: 30), "\(daemon.log)")
      CaptureWriter.renameIn(Captures.jpeg(seed: 3), to: fixture.path("after.jpg"))
      let outcomes = try fixture.waitForOutcomes(count: 1, timeout: 30)
      #expect(daemon.terminate() == 0)
      expectOneOutcomeEach(outcomes, for: ["after.jpg"])
    }

    /// D6: a capture folder that is a file is a configuration error at check-config and at start.
    @Test func aCaptureFolderThatIsAFileIsRefused() throws {
      let fixture = try DaemonFixture()
      try FileManager.default.removeItem(atPath: fixture.capture)
      fixture.directory.write("capture", "not a folder")
      let check = try runEdgediag(["check-config", "--config", fixture.configPath], in: fixture.directory.path)
      #expect(check.status != 0, "\(check.output)")
      #expect(check.error.contains("[capture] directory: exists but is not a folder"), "\(check.error)")
      let daemon = try fixture.start(waitUntilReady: false)
      #expect(daemon.waitUntilLogged("[capture] directory: exists but is not a folder", timeout: 30), "\(daemon.log)")
      #expect(daemon.terminate() == 78, "\(daemon.log)")
    }

    /// D7: in recursive mode, a subfolder that cannot be watched (here its path is longer than PATH_MAX, which
    /// fails for root too) is reported and skipped; the rest of the tree is scanned at start and watched.
    @Test func anUnwatchableSubfolderIsReportedAndTheRestOfTheTreeIsWatched() throws {
      let fixture = try DaemonFixture(capture: "recursive = yes\nsettle_milliseconds = 100")
      try FileManager.default.createDirectory(atPath: fixture.capture + "/ok-sub", withIntermediateDirectories: true)
      CaptureWriter.write(Captures.jpeg(seed: 4), to: fixture.path("pre-root.jpg"))
      CaptureWriter.write(Captures.jpeg(seed: 5), to: fixture.path("ok-sub/pre-sub.jpg"))
      let deep = fixture.capture + "/deep"
      defer { _ = try? shell("rm -rf '\(deep)'") }
      let component = String(repeating: "d", count: 250)
      // Each folder made relative to the one before (chdir), since the whole path is too long for the kernel.
      let made = try shell(
        "python3 -c 'import os; os.mkdir(\"\(deep)\"); os.chdir(\"\(deep)\")\n"
          + "for _ in range(17): os.mkdir(\"\(component)\"); os.chdir(\"\(component)\")'")
      try #require(made == 0, "cannot make the deep folder")
      let daemon = try fixture.start()
      #expect(daemon.log.contains("ready: watching"), "\(daemon.log)")
      #expect(daemon.waitUntilLogged("cannot watch or list the capture subfolder", timeout: 10), "\(daemon.log)")
      #expect(daemon.log.contains("File name too long"), "\(daemon.log)")
      // By default (capture_names = id) a folder's name stays out of the journal, as a capture's does.
      #expect(!daemon.log.contains(component), "\(daemon.log)")
      CaptureWriter.renameIn(Captures.jpeg(seed: 6), to: fixture.path("new-root.jpg"))
      CaptureWriter.renameIn(Captures.jpeg(seed: 7), to: fixture.path("ok-sub/new-sub.jpg"))
      let outcomes = try fixture.waitForOutcomes(count: 4, timeout: 30)
      #expect(daemon.terminate() == 0)
      expectOneOutcomeEach(outcomes, for: ["pre-root.jpg", "pre-sub.jpg", "new-root.jpg", "new-sub.jpg"])
    }
  }
}

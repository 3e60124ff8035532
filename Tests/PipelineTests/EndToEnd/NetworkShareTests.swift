import Foundation
import Pipeline
import TestSupport
import Testing

/// Whether this machine lets a test give a process a mount namespace of its own (root with CAP_SYS_ADMIN).
private let mountNamespacesWork = (try? shell("/usr/bin/unshare --mount --propagation private /bin/true")) == 0

extension EndToEnd {
  /// A capture folder on a network share: files that other hosts write raise no inotify event here, and only
  /// `[capture] rescan_seconds` finds them.
  @Suite struct NetworkShare {
    /// Stands in for a share: in the daemon's own mount namespace, a folder is mounted over the capture folder
    /// after the daemon set its watch (on the folder underneath), so the files the test writes into that folder
    /// raise no event the daemon sees, as another host's writes to an NFS or SMB share raise none.
    private static func mountShare(_ name: String, over fixture: DaemonFixture, for daemon: DaemonProcess) throws
      -> String
    {
      let share = fixture.directory.path + "/" + name
      try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
      let mounted = try run(
        "/usr/bin/nsenter", "--target", String(daemon.process.processIdentifier), "--mount", "/usr/bin/mount",
        "--bind", share, fixture.capture)
      try #require(mounted.status == 0, "cannot mount \(share): \(mounted.errors)")
      return share
    }

    /// Off by default, so a file that arrives without an event waits; a reload that sets `rescan_seconds` arms
    /// the periodic scan, which takes a file that arrives without an event after it.
    @Test(.enabled(if: mountNamespacesWork, "needs mount namespaces (root with CAP_SYS_ADMIN)"))
    func aRescanFindsFilesThatRaiseNoInotifyEvent() throws {
      let fixture = try DaemonFixture(capture: "settle_milliseconds = 0", workers: 1)
      let daemon = try fixture.start(privateMounts: true)
      let first = try Self.mountShare("share-1", over: fixture, for: daemon)
      CaptureWriter.write(Captures.jpeg(seed: 1), to: first + "/remote-1.jpg")
      Thread.sleep(forTimeInterval: 1.5)
      #expect(try fixture.outcomes().isEmpty, "inotify saw the file: the test does not stand in for a share")

      let text = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
      try text.replacingOccurrences(of: "settle_milliseconds = 0", with: "settle_milliseconds = 0\nrescan_seconds = 1")
        .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
      kill(daemon.process.processIdentifier, SIGHUP)
      try #require(daemon.waitUntilLogged("configuration reloaded", timeout: 30), "no reload:\n\(daemon.log)")
      // The reload watches the capture folder again (now the share) and scans it: remote-1.jpg is taken. A second
      // share over the first hides the next file from that watch too; only the periodic scan can find it.
      let second = try Self.mountShare("share-2", over: fixture, for: daemon)
      CaptureWriter.write(Captures.jpeg(seed: 2), to: second + "/remote-2.jpg")
      let outcomes = try fixture.waitForOutcomes(count: 2, timeout: 30)
      expectOneOutcomeEach(outcomes, for: ["remote-1.jpg", "remote-2.jpg"])
      #expect(daemon.terminate() == 0)
    }
  }
}

import Foundation
import Testing

extension EndToEnd {
  /// Captures the daemon cannot read yet (a permission error), which wait out their back-off before they are
  /// tried again.
  @Suite struct DeferredCaptures {
    /// The daemon runs as root without the capabilities that let root read any file, so that a file of mode 000
    /// meets the permission error the daemon's own user would.
    static let withoutReadOverride = [
      "/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search",
    ]

    /// Puts an unreadable capture `name` into the capture folder in one rename, as a complete file.
    static func moveInUnreadable(_ fixture: DaemonFixture, _ name: String, seed: UInt64) throws {
      let outside = fixture.directory.path + "/" + name
      CaptureWriter.write(Captures.jpeg(seed: seed), to: outside)
      try #require(chmod(outside, 0o000) == 0 && rename(outside, fixture.path(name)) == 0)
    }

    /// A deferred capture whose file is removed, or renamed over, while it waits does not stay claimed: when its
    /// wait is over its claim is recorded as vanished or replaced, and the new file is a capture of its own.
    @Test func aDeferredCaptureWhoseFileVanishesOrIsReplacedGetsItsOutcome() throws {
      let fixture = try DaemonFixture()
      let daemon = try fixture.start(launcher: Self.withoutReadOverride)
      try Self.moveInUnreadable(fixture, "vanishing.jpg", seed: 1)
      try Self.moveInUnreadable(fixture, "replaced.jpg", seed: 2)
      try #require(
        daemon.waitUntilLogged("cannot read it yet", count: 2, timeout: 30), "not deferred:\n\(daemon.log)")

      try #require(unlink(fixture.path("vanishing.jpg")) == 0)
      let replacement = fixture.directory.path + "/replacement.jpg"
      CaptureWriter.write(Captures.jpeg(seed: 3), to: replacement)
      try #require(rename(replacement, fixture.path("replaced.jpg")) == 0)

      let outcomes = try fixture.waitForOutcomes(count: 3, timeout: 30)
      #expect(daemon.terminate() == 0)
      #expect(try fixture.pendingClaims() == [], "claims left without an outcome")
      let reasons = outcomes.map { "\($0.name) \($0.outcome) \($0.reason.prefix(9))" }.sorted()
      #expect(outcomes.count == 3, "\(reasons)")
      #expect(reasons.contains("vanishing.jpg rejected vanished:"), "\(reasons)")
      #expect(reasons.contains("replaced.jpg rejected replaced:"), "\(reasons)")
      #expect(
        outcomes.contains { $0.name == "replaced.jpg" && $0.outcome != "rejected" && $0.outcome != "failed" },
        "the new file was not analysed: \(reasons)")
    }

    /// The line that puts off an unreadable capture names it as the configuration's `capture_names` asks, as
    /// the capture's other lines do.
    @Test func theDeferredLineFollowsCaptureNames() throws {
      let fixture = try DaemonFixture()
      let config = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
      fixture.directory.write("edgediag.conf", config + "[journal]\ncapture_names = basename\n")
      let daemon = try fixture.start(launcher: Self.withoutReadOverride)
      try Self.moveInUnreadable(fixture, "unreadable.jpg", seed: 4)
      #expect(
        daemon.waitUntilLogged("capture unreadable.jpg: cannot read it yet", timeout: 30),
        "not named by its base name:\n\(daemon.log)")
      #expect(daemon.terminate() == 0)
      let line = daemon.log.split(separator: "\n").first { $0.contains("cannot read it yet") }
      #expect(line?.contains("EDGEDIAG_CAPTURE_NAME=unreadable.jpg") == true, "\(line ?? "no line")")
    }
  }
}

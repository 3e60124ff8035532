import Foundation
import TestSupport
import Testing

/// TestSupport's way of starting journald.
@Suite struct JournaldHelperTests {
  /// A program started to outlive the call does not hold the caller: `startDetached` returns once it is forked
  /// off, and the program holds no descriptor but its standard streams. Through `shell("setsid -f …")`, as
  /// `ensureJournald` started journald before, the call waited as long as the program ran.
  @Test func aDetachedProgramHoldsNothingOfTheCaller() throws {
    let marker = "edgediag-detached-\(UUID().uuidString)"
    let started = Date()
    try startDetached("/bin/bash", ["-c", "exec -a \(marker) sleep 20"])
    #expect(Date().timeIntervalSince(started) < 10, "startDetached waited for the program")
    let found = try run("/usr/bin/pgrep", "-f", marker)
    let pid = try #require(Int32(found.output.split(separator: "\n").first ?? ""), "\(marker) is not running")
    defer { kill(pid, SIGKILL) }
    let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").sorted()
    #expect(descriptors == ["0", "1", "2"])
  }

  @Test func aListeningJournaldIsLeftAsItIs() throws {
    try ensureJournald()
    #expect(journaldIsListening())
  }
}

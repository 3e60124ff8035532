import Foundation
import Systemd
import TestSupport
import Testing

extension ServiceTests {
  /// A worker that stops (frozen from outside with ptrace) while the rest of the daemon runs on: the watchdog
  /// pings must stop, so that systemd restarts the service, and resume once the worker does.
  @Suite struct HungWorkerTests {
    init() throws { try ensureJournald() }

    static let watchdogSeconds = 0.4

    @Test func frozenWorkerStopsWatchdogPingsUntilItRunsAgain() throws {
      let daemon = try ServiceDaemon(
        settings: "[workers]\ncount = 1\n[model]\ndeadline_ms = 200",
        watchdogMicroseconds: Int(Self.watchdogSeconds * 1_000_000))
      let notify = try #require(daemon.notify)
      try #require(notify.wait(timeout: 60, for: "READY=1") != nil, "no READY=1: \(daemon.output)")
      try #require(notify.wait(timeout: 5, for: "WATCHDOG=1") != nil, "no watchdog pings while idle")

      let freezer = try ThreadFreezer(pid: daemon.pid, threadNamed: "worker-0")
      defer { freezer.thaw() }
      #expect(ThreadFreezer.state(of: daemon.pid, thread: freezer.threadID) == "t")

      // The capture waits in the queue with no worker taking it; after twice the deadline (400 ms) the verdict
      // turns, and the next timer tick (every 200 ms) withholds its ping.
      let dropped = ProcessInfo.processInfo.systemUptime
      try daemon.drop("IMG_0001.jpg", goodCapture())
      usleep(3_000_000)
      let pingsAfterDrop = notify.messages(with: "WATCHDOG=1").map(\.time).filter { $0 > dropped }
      let lastPing = pingsAfterDrop.last ?? dropped
      #expect(
        lastPing - dropped < Self.watchdogSeconds + 0.6,
        "pings went on \(lastPing - dropped) s after the capture arrived")
      #expect(ProcessInfo.processInfo.systemUptime - lastPing > 2, "pings did not stop")
      #expect(daemon.isRunning)

      let unhealthy = try #require(
        ServiceDaemon.entries(try daemon.waitForJournal([.watchdogUnhealthy], timeout: 10), .watchdogUnhealthy).first,
        "no watchdogUnhealthy entry")
      #expect(unhealthy["PRIORITY"] == "3")
      #expect(unhealthy["EDGEDIAG_REASON"]?.contains("waited") == true, "\(unhealthy)")

      // Thawed, the worker takes the capture, and pings resume once it is done with it.
      let thawedAt = ProcessInfo.processInfo.systemUptime
      freezer.thaw()
      let resumed = notify.wait(timeout: 60) { $0.time > thawedAt && $0.assignments.contains("WATCHDOG=1") }
      #expect(resumed != nil, "pings did not resume after the worker ran again")
      let entries = try daemon.waitForJournal(timeout: 10) { $0.contains { $0["EDGEDIAG_CAPTURE"] != nil } }
      let outcome = try #require(entries.first { $0["EDGEDIAG_CAPTURE"] != nil }, "no outcome entry")
      // Taken late, the capture itself is classified as usual.
      #expect(outcome["EDGEDIAG_OUTCOME"] == "finding", "\(outcome)")
      #expect(outcome["PRIORITY"] == "5")
      #expect(daemon.stop() == 0, "\(daemon.output)")
    }
  }
}

import Foundation
import Systemd
import TestSupport
import Testing

extension ServiceTests {
  /// What `edgediag run` tells a service manager through `$NOTIFY_SOCKET` over its life: start, status, watchdog,
  /// reload (good and broken), stop.
  @Suite struct NotifyProtocolTests {
    init() throws { try ensureJournald() }

    /// The watchdog interval the tests give the daemon: it pings every 200 ms.
    static let watchdogMicroseconds = 400_000

    @Test func lifecycleFollowsTheNotifyProtocol() throws {
      let daemon = try ServiceDaemon(watchdogMicroseconds: Self.watchdogMicroseconds)
      let notify = try #require(daemon.notify)

      // Start: more time asked for first, READY=1 only once the ledger exists and the folder is watched.
      let ready = try #require(notify.wait(timeout: 60, for: "READY=1"), "no READY=1: \(daemon.output)")
      #expect(FileManager.default.fileExists(atPath: daemon.ledgerPath))
      #expect(try inotifyWatches(pid: daemon.pid).contains(inode(daemon.captureFolder)))
      let extend = try #require(notify.messages.firstIndex { $0.text.hasPrefix("EXTEND_TIMEOUT_USEC=") })
      #expect(extend < ready)
      #expect(Int(notify.messages[extend].text.dropFirst("EXTEND_TIMEOUT_USEC=".count)).map { $0 > 0 } == true)
      #expect(notify.messages[..<ready].allSatisfy { !$0.assignments.contains("WATCHDOG=1") })
      let idle = "STATUS=watching \(daemon.captureFolder) · 0 done · 0 findings · queue 0 · outbox 0"
      #expect(notify.wait(after: ready, timeout: 10, for: idle) != nil, "\(notify.messages.map(\.text))")

      // Watchdog: pings at about half the interval.
      usleep(1_500_000)
      let pings = notify.messages(with: "WATCHDOG=1").map(\.time)
      #expect(pings.count >= 4, "\(pings.count) pings in 1.5 s")
      let gaps = zip(pings.dropFirst(), pings).map { $0 - $1 }.sorted()
      let median = gaps.isEmpty ? 0 : gaps[gaps.count / 2]
      #expect(median > 0.15 && median < 0.3, "median gap between pings \(median) s")

      // A capture: STATUS= follows the counts.
      let beforeCapture = notify.messages.count - 1
      try daemon.drop("IMG_0001.jpg", goodCapture())
      let done = "STATUS=watching \(daemon.captureFolder) · 1 done · 1 findings · queue 0 · outbox 1"
      #expect(notify.wait(after: beforeCapture, timeout: 60, for: done) != nil, "\(notify.messages.map(\.text))")

      // SIGHUP with a good configuration: RELOADING=1 stamped with CLOCK_MONOTONIC, then READY=1.
      let beforeReload = monotonicMicroseconds()
      daemon.rewriteConfig(settings: "[journal]\ncapture_names = id")
      daemon.signal(SIGHUP)
      let reloading = try #require(notify.wait(after: beforeCapture, timeout: 30, for: "RELOADING=1"))
      let assignments = notify.messages[reloading].assignments
      let stamp = try #require(
        assignments.first { $0.hasPrefix("MONOTONIC_USEC=") }.flatMap { Int64($0.dropFirst("MONOTONIC_USEC=".count)) },
        "RELOADING=1 without MONOTONIC_USEC: \(assignments)")
      #expect((beforeReload...monotonicMicroseconds()).contains(stamp))
      let reloaded = try #require(notify.wait(after: reloading, timeout: 60, for: "READY=1"))
      let reloadEntries = ServiceDaemon.entries(try daemon.waitForJournal([.configReloaded]), .configReloaded)
      #expect(reloadEntries.first?["EDGEDIAG_MODEL"] == "service-test")

      // SIGHUP with a broken configuration: RELOADING=1, READY=1, and the old configuration stays. The broken
      // file also asks for file names in the journal, which must not take effect.
      daemon.rewriteConfig(settings: "[journal]\ncapture_names = basename\n[model]\ndeadline_ms = soon")
      daemon.signal(SIGHUP)
      let reloadingAgain = try #require(notify.wait(after: reloaded, timeout: 30, for: "RELOADING=1"))
      #expect(notify.wait(after: reloadingAgain, timeout: 60, for: "READY=1") != nil)
      let failed = try #require(
        ServiceDaemon.entries(try daemon.waitForJournal([.configReloadFailed]), .configReloadFailed).first)
      #expect(failed["PRIORITY"] == "3")
      #expect(failed["EDGEDIAG_ERROR"]?.contains("edgediag.conf:") == true, "\(failed)")
      #expect(failed["EDGEDIAG_ERROR"]?.contains("deadline_ms") == true, "\(failed)")
      #expect(daemon.isRunning)
      try daemon.drop("IMG_0002.jpg", goodCapture())
      // The same bytes again: a second capture and finding outcome, but the same finding, queued once.
      let twoDone = "STATUS=watching \(daemon.captureFolder) · 2 done · 2 findings · queue 0 · outbox 1"
      #expect(notify.wait(after: reloadingAgain, timeout: 60, for: twoDone) != nil, "\(notify.messages.map(\.text))")
      let findings = ServiceDaemon.entries(try daemon.waitForJournal([.captureFinding]), .captureFinding)
      #expect(findings.count == 2)
      #expect(findings.allSatisfy { $0["EDGEDIAG_CAPTURE_NAME"] == nil }, "the broken configuration took effect")

      // SIGTERM: STOPPING=1 and exit status 0.
      let beforeStop = notify.messages.count - 1
      #expect(daemon.stop() == 0, "\(daemon.output)")
      #expect(notify.wait(after: beforeStop, timeout: 5, for: "STOPPING=1") != nil)
    }
  }
}

/// CLOCK_MONOTONIC in microseconds, the clock of `MONOTONIC_USEC=`.
func monotonicMicroseconds() -> Int64 {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
}

/// The inode of `path`.
func inode(_ path: String) throws -> UInt64 {
  var status = stat()
  guard stat(path, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
  return UInt64(status.st_ino)
}

/// The inodes that the inotify descriptors of process `pid` watch, from `/proc/PID/fdinfo`
/// ("inotify wd:1 ino:1a2b sdev:… mask:…", the inode in hexadecimal).
func inotifyWatches(pid: Int32) throws -> Set<UInt64> {
  var inodes: Set<UInt64> = []
  for fd in try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fdinfo") {
    guard let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(fd)", encoding: .utf8) else { continue }
    for line in info.split(separator: "\n") where line.hasPrefix("inotify ") {
      for field in line.split(separator: " ") where field.hasPrefix("ino:") {
        if let value = UInt64(field.dropFirst(4), radix: 16) { inodes.insert(value) }
      }
    }
  }
  return inodes
}

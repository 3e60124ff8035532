import Foundation
import Pipeline
import TestSupport
import Testing

extension EndToEnd {
  /// SIGHUP applies a new configuration whole or not at all, and says which settings wait for a restart.
  @Suite struct Reload {
    /// A daemon forwarding to a receiver, its configuration file's text, and the receiver.
    private static func forwardingDaemon() throws -> (DaemonFixture, DaemonProcess, TestReceiver, String) {
      let receiver = try TestReceiver()
      let fixture = try DaemonFixture(
        forward: "url = \(receiver.url)\nca_file = \(TestReceiver.caFile)\n", findingThreshold: 0.3)
      let daemon = try fixture.start()
      return (fixture, daemon, receiver, try String(contentsOfFile: fixture.configPath, encoding: .utf8))
    }

    /// Rewrites the configuration, sends SIGHUP and waits for the daemon to log `answer`.
    private static func reload(
      _ fixture: DaemonFixture, _ daemon: DaemonProcess, to text: String, expecting answer: String
    ) throws {
      try text.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
      kill(daemon.process.processIdentifier, SIGHUP)
      try #require(daemon.waitUntilLogged(answer, timeout: 60), "no '\(answer)' after SIGHUP:\n\(daemon.log)")
    }

    /// Drops captures into the capture folder; waits for their outcomes and for every finding among them to
    /// reach the receiver. Returns the finding ids and the ids the receiver accepted.
    private static func captureAndDeliver(
      _ fixture: DaemonFixture, _ receiver: TestReceiver
    ) throws -> (findings: Set<String>, delivered: Set<String>) {
      let names = (0..<8).map { "IMG_\($0).jpg" }
      for (index, name) in names.enumerated() {
        CaptureWriter.renameIn(Captures.jpeg(seed: UInt64(100 + index)), to: fixture.path(name))
      }
      let outcomes = try fixture.waitForOutcomes(count: names.count, timeout: 60)
      expectOneOutcomeEach(outcomes, for: names)
      let findings = Set(
        outcomes.filter { $0.outcome == "finding" }.map { fixture.findingID(imageSHA256: $0.sha256 ?? "") })
      try #require(!findings.isEmpty, "no finding among \(names.count) captures: \(outcomes.map(\.outcome))")
      let deadline = Date().addingTimeInterval(30)
      while !findings.isSubset(of: Set(receiver.acceptedKeys())) && Date() < deadline {
        Thread.sleep(forTimeInterval: 0.2)
      }
      return (findings, Set(receiver.acceptedKeys()))
    }

    /// D1: a new configuration that cannot be applied (its capture folder is a file; its forward URL points
    /// elsewhere) fails as a whole: the running folder stays watched and findings still go to the running
    /// receiver.
    @Test func aReloadThatFailsKeepsTheRunningWatchAndForwarder() throws {
      let (fixture, daemon, receiver, original) = try Self.forwardingDaemon()
      let notAFolder = fixture.directory.path + "/not-a-folder"
      #expect(FileManager.default.createFile(atPath: notAFolder, contents: Data("x".utf8)))
      let broken =
        original
        .replacingOccurrences(of: "directory = \(fixture.capture)\n", with: "directory = \(notAFolder)\n")
        .replacingOccurrences(
          of: receiver.url, with: "https://127.0.0.1:\(TestReceiver.unusedPort())/findings")
      try Self.reload(fixture, daemon, to: broken, expecting: "reload failed")
      // The verbs load the configuration file too: give them the running one again.
      try original.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)

      let (findings, delivered) = try Self.captureAndDeliver(fixture, receiver)
      #expect(findings.isSubset(of: delivered), "undelivered: \(findings.subtracting(delivered))\n\(daemon.log)")
      #expect(daemon.terminate() == 0)
    }

    /// D18 (and D1's other trigger): a reload that moves `[state] directory` (here to a folder that does not
    /// exist) and changes `[workers] count` and `[forward]` keeps the running database and workers, says both
    /// need a restart, and applies the rest: findings keep reaching the receiver.
    @Test func settingsOnlyAStartAppliesAreKeptAndReported() throws {
      let (fixture, daemon, receiver, original) = try Self.forwardingDaemon()
      let changed =
        original
        .replacingOccurrences(
          of: "directory = \(fixture.directory.path)/state\n",
          with: "directory = \(fixture.directory.path)/moved/state\n"
        )
        .replacingOccurrences(of: "count = 2\n", with: "count = 3\n")
        .replacingOccurrences(of: "ca_file =", with: "timeout_ms = 20000\nca_file =")
      try #require(changed.contains("/moved/state") && changed.contains("count = 3"), "\(original)")
      try Self.reload(fixture, daemon, to: changed, expecting: "configuration reloaded")
      #expect(daemon.waitUntilLogged("[state] directory, [workers] count only change on a restart", timeout: 10))
      // The verbs read the database through the configuration file: give them the running one again.
      try original.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)

      let (findings, delivered) = try Self.captureAndDeliver(fixture, receiver)
      #expect(findings.isSubset(of: delivered), "undelivered: \(findings.subtracting(delivered))\n\(daemon.log)")
      let threads = try FileManager.default.contentsOfDirectory(
        atPath: "/proc/\(daemon.process.processIdentifier)/task"
      )
      .compactMap {
        try? String(contentsOfFile: "/proc/\(daemon.process.processIdentifier)/task/\($0)/comm", encoding: .utf8)
      }
      #expect(threads.filter { $0.hasPrefix("worker-") }.count == 2, "\(threads)")
      #expect(daemon.terminate() == 0)
    }

    /// A reload changing `[forward]` whose new forwarder cannot start, when a forwarder of the running settings
    /// cannot be started again either, leaves nothing delivering: a standing fault with its own event, which the
    /// health verdict reports (the watchdog pings stop). A later reload starts a forwarder and clears it.
    ///
    /// No thread can be made: the daemon runs as a user of its own (RLIMIT_NPROC binds no root process and counts
    /// every thread of the user), and its limit is lowered, once it is ready, below the threads it has. The
    /// watchdog is on (WATCHDOG_USEC), so the verdict is logged when it withholds a ping.
    @Test func aForwarderThatCannotBeStartedAgainIsAStandingFault() throws {
      let receiver = try TestReceiver()
      let fixture = try DaemonFixture(
        forward: "url = \(receiver.url)\nca_file = \(TestReceiver.caFile)\n", findingThreshold: 0.3)
      let original = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
      try #require(try shell("chmod -R a+rwX '\(fixture.directory.path)'") == 0)
      let user = 100_000 + Int(getpid()) % 50_000
      var environment = daemonEnvironment
      environment["WATCHDOG_USEC"] = "200000"
      let daemon = try fixture.start(
        launcher: ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups"],
        environment: environment)
      let pid = daemon.process.processIdentifier
      let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").count
      let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
      let usual = try #require(
        limits.split(separator: "\n").first { $0.hasPrefix("Max processes") }?.split(separator: " ").dropFirst(2).first)
      let limited = try Self.limitThreads(of: pid, runBy: user, to: String(threads - 1))
      try #require(limited == nil, "\(limited ?? "")")

      let changed = original.replacingOccurrences(of: "ca_file =", with: "timeout_ms = 20000\nca_file =")
      try Self.reload(fixture, daemon, to: changed, expecting: "reload failed")
      #expect(daemon.log.contains("forwarding stopped"), "\(daemon.log)")
      #expect(
        daemon.waitUntilLogged("withholding the watchdog ping: forwarding stopped", timeout: 10), "\(daemon.log)")

      let unlimited = try Self.limitThreads(of: pid, runBy: user, to: String(usual))
      try #require(unlimited == nil, "\(unlimited ?? "")")
      try Self.reload(fixture, daemon, to: changed, expecting: "configuration reloaded")
      let (findings, delivered) = try Self.captureAndDeliver(fixture, receiver)
      #expect(findings.isSubset(of: delivered), "undelivered: \(findings.subtracting(delivered))\n\(daemon.log)")
      #expect(daemon.terminate() == 0)
    }

    /// Sets the soft RLIMIT_NPROC of process `pid`, run by `user`; what `prlimit` said if it could not. As that
    /// user: another user's limits are for CAP_SYS_RESOURCE, which a container may not grant.
    private static func limitThreads(of pid: Int32, runBy user: Int, to limit: String) throws -> String? {
      let result = try run(
        "/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups", "/usr/bin/prlimit", "--pid",
        String(pid), "--nproc=\(limit):")
      return result.status == 0 ? nil : "prlimit: \(result.errors)"
    }
  }
}

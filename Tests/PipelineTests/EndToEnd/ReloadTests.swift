import Foundation
import Pipeline
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
  }
}

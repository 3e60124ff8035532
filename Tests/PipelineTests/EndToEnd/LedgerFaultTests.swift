import Foundation
import Pipeline
import Testing

extension EndToEnd {
  /// The real daemon when its state database misbehaves: held, deleted, or shared with a second daemon.
  @Suite struct LedgerFaults {
    /// A claim that fails (here: another connection holds the write lock past the busy timeout) is not dropped:
    /// the capture is claimed and analysed once the ledger can be written again, without a restart.
    @Test func aClaimThatFailsIsRetriedOnceTheLedgerWorks() throws {
      let fixture = try DaemonFixture()
      let daemon = try fixture.start()
      let blocker = try Database(path: fixture.databasePath)
      try blocker.execute("BEGIN IMMEDIATE")
      CaptureWriter.write(Captures.jpeg(seed: 40), to: fixture.path("during-lock.jpg"))
      try #require(daemon.waitUntilLogged("cannot claim a capture", timeout: 30), "\(daemon.log)")
      try blocker.execute("ROLLBACK")
      let outcomes = try fixture.waitForOutcomes(count: 1, timeout: 30)
      #expect(daemon.terminate() == 0)
      #expect(outcomes.map(\.name) == ["during-lock.jpg"])
    }

    /// Deleting the state database under the running daemon is a fault it reports (and that fails its health
    /// verdict), not something it silently records into an unlinked file.
    @Test func aStateDatabaseDeletedWhileRunningIsReported() throws {
      let fixture = try DaemonFixture()
      let daemon = try fixture.start()
      try FileManager.default.removeItem(atPath: fixture.databasePath)
      CaptureWriter.write(Captures.jpeg(seed: 41), to: fixture.path("after-delete.jpg"))
      #expect(
        daemon.waitUntilLogged("is not the file opened at start", timeout: 30), "no fault logged:\n\(daemon.log)")
      #expect(daemon.terminate() == 0)
    }

    /// A second daemon on the same state directory refuses to start, saying why; the first keeps running.
    @Test func aSecondDaemonOnTheSameStateRefusesToStart() throws {
      let fixture = try DaemonFixture()
      let first = try fixture.start()
      let second = try fixture.start(waitUntilReady: false)
      #expect(second.waitUntilLogged("another edgediag is already running on the state directory", timeout: 30))
      if second.isRunning { second.killNow() }
      #expect(second.process.terminationStatus == 1)
      #expect(first.isRunning)
      #expect(first.terminate() == 0)
    }
  }
}

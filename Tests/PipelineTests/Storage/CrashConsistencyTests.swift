import Foundation
import Pipeline
import TestSupport
import Testing

/// Kills a real writer process with SIGKILL and checks what a restarted reader finds. The writer is this test
/// binary itself, re-run with a filter that selects one of the `child…` tests below and the database path in
/// the environment.
@Suite struct CrashConsistencyTests {
  static let databaseVariable = "EDGEDIAG_TEST_CRASH_DATABASE"
  static var childDatabase: String? { ProcessInfo.processInfo.environment[databaseVariable] }

  let directory = TemporaryDirectory()
  var path: String { directory.path + "/state.db" }

  @Test func aWriterKilledInsideATransactionLeavesOnlyWhatItCommitted() throws {
    let ledger = Ledger(database: try Database(path: path), run: 1)
    let committed = try ledger.claim(LedgerTests.key("committed.jpg"), at: 1).id
    let child = try Self.spawn(test: "childKillsItselfInsideATransaction", database: path)
    child.waitUntilExit()
    #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL)

    let reopened = Ledger(database: try Database(path: path), run: 2)
    #expect(try reopened.database.scalar("PRAGMA integrity_check") == "ok")
    #expect(
      try reopened.pending().map(\.key.path) == ["/var/lib/capture/committed.jpg", "/var/lib/capture/in-flight.jpg"])
    #expect(try reopened.pending().first?.id == committed)
    #expect(try reopened.database.scalar("SELECT count(*) FROM outbox") == "0")
  }

  @Test func aWriterKilledAtAnyMomentKeepsOutcomesAndFindingsTogether() throws {
    _ = Ledger(database: try Database(path: path), run: 1)
    let child = try Self.spawn(test: "childRecordsFindingsForever", database: path)
    defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }
    let observer = try Database(path: path)
    var seen = 0
    let deadline = Date().addingTimeInterval(60)
    while seen < 20 && Date() < deadline && child.isRunning {
      seen = Int(try observer.scalar("SELECT count(*) FROM ledger WHERE state = 'done'")) ?? 0
      usleep(5_000)
    }
    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    #expect(child.terminationReason == .uncaughtSignal, "the writer died before it was killed")
    try #require(seen >= 20, "the writer recorded only \(seen) outcomes")

    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 2)
    #expect(try database.scalar("PRAGMA integrity_check") == "ok")
    let counts = try ledger.counts()
    // Every commit the observer saw survived, and at most the one capture in flight is left pending.
    #expect(counts.done >= seen && counts.pending <= 1)
    let orphans = try database.scalar(
      """
      SELECT count(*) FROM ledger FULL JOIN outbox USING (id)
      WHERE (ledger.outcome = 'finding') != (outbox.id IS NOT NULL) OR ledger.id IS NULL
      """)
    #expect(orphans == "0")
    #expect(try Outbox(database: database).counts().pending == counts.findings)
  }

  @Test(.enabled(if: childDatabase != nil)) func childKillsItselfInsideATransaction() throws {
    let database = try Database(path: try #require(Self.childDatabase))
    let id = try Ledger(database: database, run: 2).claim(LedgerTests.key("in-flight.jpg"), at: 2).id
    // The statements of Ledger.record, with the process dying before COMMIT.
    try database.transaction { () throws(StorageError) in
      try database.execute(
        "UPDATE ledger SET state = 'done', outcome = 'finding', recorded_at = 3 WHERE id = ?", [.text(id)])
      try database.execute(
        """
        INSERT INTO outbox (id, created_at, label, score, content_type, body, state, next_attempt_at)
        VALUES (?, 3, 'lesion', 0.9, 'application/json', '{}', 'pending', 3)
        """, [.text(id)])
      kill(getpid(), SIGKILL)
    }
  }

  @Test(.enabled(if: childDatabase != nil)) func childRecordsFindingsForever() throws {
    let ledger = Ledger(database: try Database(path: try #require(Self.childDatabase)), run: 2)
    for index in 0... {
      let id = try ledger.claim(LedgerTests.key("capture-\(index).jpg"), at: Int64(index)).id
      let isFinding = index % 2 == 0
      try ledger.record(
        id: id,
        outcome: isFinding
          ? LedgerTests.findingOutcome(at: Int64(index)) : OutcomeRecord(outcome: .negative, recordedAt: Int64(index)),
        finding: isFinding ? LedgerTests.finding("key-\(index)") : nil)
    }
  }

  static func spawn(test: String, database: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(
      fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    process.arguments = ["--testing-library", "swift-testing", "--filter", "CrashConsistencyTests/\(test)"]
    process.environment = ProcessInfo.processInfo.environment.merging([databaseVariable: database]) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }
}

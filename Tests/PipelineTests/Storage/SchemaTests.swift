import Pipeline
import TestSupport
import Testing

@Suite struct SchemaTests {
  let directory = TemporaryDirectory()
  var path: String { directory.path + "/state.db" }

  @Test func aNewDatabaseIsMigratedToTheCurrentVersionWhenOpened() throws {
    let database = try Database(path: path)
    #expect(try database.userVersion() == 4)
    #expect(try database.scalar("SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table'") == "ledger,outbox")
  }

  @Test func reopeningKeepsDataAndVersion() throws {
    do {
      let ledger = Ledger(database: try Database(path: path), run: 1)
      _ = try ledger.claim(LedgerTests.key("a.jpg"), at: 10)
    }
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 2)
    #expect(try database.userVersion() == 4)
    #expect(try ledger.counts().pending == 1)
  }

  /// Migration 3 gives the entries of a schema-2 outbox the Idempotency-Key they were sent with, their id, and
  /// makes keys unique.
  @Test func aSchema2OutboxKeepsItsKeysAfterMigration() throws {
    var ids: [String] = []
    do {
      let database = try Database(path: path)
      let ledger = Ledger(database: database, run: 1)
      for (index, name) in ["a.jpg", "b.jpg"].enumerated() {
        let id = try ledger.claim(LedgerTests.key(name), at: Int64(index)).id
        try ledger.record(
          id: id, outcome: LedgerTests.findingOutcome(at: Int64(index)), finding: LedgerTests.finding("key-" + name))
        ids.append(id)
      }
      // Back to the schema release 2 wrote, whose outbox rows had no key column.
      try database.executeScript(
        """
        DROP INDEX outbox_idempotency_key;
        ALTER TABLE outbox DROP COLUMN idempotency_key;
        DROP INDEX ledger_unreported;
        ALTER TABLE ledger DROP COLUMN reported;
        PRAGMA user_version = 2;
        """)
    }
    let database = try Database(path: path)
    #expect(try database.userVersion() == 4)
    let entries = try Outbox(database: database).list()
    #expect(entries.map(\.id) == ids)
    #expect(entries.map(\.finding.idempotencyKey) == ids)
    #expect(throws: StorageError.self) {
      try database.execute("UPDATE outbox SET idempotency_key = ? WHERE id = ?", [.text(ids[0]), .text(ids[1])])
    }
  }

  /// Migration 4: outcomes recorded under schema 3 were reported then (moved, logged), so no start reports them
  /// again.
  @Test func outcomesRecordedUnderSchema3CountAsReported() throws {
    do {
      let database = try Database(path: path)
      let ledger = Ledger(database: database, run: 1)
      let id = try ledger.claim(LedgerTests.key("a.jpg"), at: 1).id
      try database.executeScript(
        """
        DROP INDEX ledger_unreported;
        ALTER TABLE ledger DROP COLUMN reported;
        PRAGMA user_version = 3;
        """)
      try database.execute(
        "UPDATE ledger SET state = 'done', outcome = 'negative', recorded_at = 2 WHERE id = ?", [.text(id)])
    }
    let ledger = Ledger(database: try Database(path: path), run: 2)
    #expect(try ledger.database.userVersion() == 4)
    #expect(try ledger.counts().done == 1)
    #expect(try ledger.unreported().isEmpty)
  }

  @Test func aDatabaseFromANewerReleaseIsRefused() throws {
    try Database(path: path).setUserVersion(7)
    #expect(throws: StorageError.schemaTooNew(found: 7, supported: 4)) { try Database(path: path) }
  }

  /// Further connections of a process skip the migration: they neither check nor write the schema.
  @Test func aConnectionOpenedWithoutMigratingLeavesTheSchemaAlone() throws {
    let database = try Database(path: path, migrating: false)
    #expect(try database.userVersion() == 0)
    #expect(try database.scalar("SELECT count(*) FROM sqlite_schema") == "0")
  }
}

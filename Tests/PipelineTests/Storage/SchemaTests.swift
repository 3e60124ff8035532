import Pipeline
import TestSupport
import Testing

@Suite struct SchemaTests {
  let directory = TemporaryDirectory()
  var path: String { directory.path + "/state.db" }

  @Test func aNewDatabaseIsMigratedToTheCurrentVersionWhenOpened() throws {
    let database = try Database(path: path)
    #expect(try database.userVersion() == 2)
    #expect(try database.scalar("SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table'") == "ledger,outbox")
  }

  @Test func reopeningKeepsDataAndVersion() throws {
    do {
      let ledger = Ledger(database: try Database(path: path), run: 1)
      _ = try ledger.claim(LedgerTests.key("a.jpg"), at: 10)
    }
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 2)
    #expect(try database.userVersion() == 2)
    #expect(try ledger.counts().pending == 1)
  }

  @Test func aDatabaseFromANewerReleaseIsRefused() throws {
    try Database(path: path).setUserVersion(7)
    #expect(throws: StorageError.schemaTooNew(found: 7, supported: 2)) { try Database(path: path) }
  }

  /// Further connections of a process skip the migration: they neither check nor write the schema.
  @Test func aConnectionOpenedWithoutMigratingLeavesTheSchemaAlone() throws {
    let database = try Database(path: path, migrating: false)
    #expect(try database.userVersion() == 0)
    #expect(try database.scalar("SELECT count(*) FROM sqlite_schema") == "0")
  }
}

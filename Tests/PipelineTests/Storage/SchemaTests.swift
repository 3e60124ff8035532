import Pipeline
import TestSupport
import Testing

@Suite struct SchemaTests {
  let directory = TemporaryDirectory()
  var path: String { directory.path + "/state.db" }

  @Test func aNewDatabaseIsMigratedToTheCurrentVersion() throws {
    let database = try Database(path: path)
    #expect(try database.userVersion() == 0)
    _ = try Ledger(database: database, run: 1)
    #expect(try database.userVersion() == 2)
    #expect(try database.scalar("SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table'") == "ledger,outbox")
  }

  @Test func reopeningKeepsDataAndVersion() throws {
    do {
      let ledger = try Ledger(database: try Database(path: path), run: 1)
      _ = try ledger.claim(LedgerTests.key("a.jpg"), at: 10)
    }
    let database = try Database(path: path)
    let ledger = try Ledger(database: database, run: 2)
    #expect(try database.userVersion() == 2)
    #expect(try ledger.counts().pending == 1)
  }

  @Test func aDatabaseFromANewerReleaseIsRefused() throws {
    let database = try Database(path: path)
    try database.setUserVersion(7)
    #expect(throws: StorageError.schemaTooNew(found: 7, supported: 2)) { try Outbox(database: database) }
  }
}

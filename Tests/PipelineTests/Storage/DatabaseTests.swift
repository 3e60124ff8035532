import Foundation
import Pipeline
import TestSupport
import Testing

@Suite struct DatabaseTests {
  let directory = TemporaryDirectory()
  var path: String { directory.path + "/state.db" }

  @Test func readWriteConnectionsUseWALWithFullSync() throws {
    let database = try Database(path: path)
    #expect(try database.pragma("journal_mode") == "wal")
    #expect(try database.pragma("synchronous") == "2")  // FULL
    #expect(try database.pragma("foreign_keys") == "1")
  }

  /// `execute` keeps each statement compiled for the connection: a second run of the same SQL gets its own
  /// values (none left over from the first run), and a run that failed leaves the statement usable.
  @Test func executeRunsACachedStatementAfresh() throws {
    let database = try Database(path: path)
    try database.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
    let insert = "INSERT INTO t VALUES (?, ?)"
    try database.execute(insert, [.integer(1), .text("one")])
    #expect(throws: StorageError.self) { try database.execute(insert, [.integer(1), .text("again")]) }
    #expect(try database.execute(insert, [.integer(2)]) == 1)  // an unbound parameter is NULL, not "one"
    let rows = try database.prepare("SELECT k, v FROM t ORDER BY k")
    #expect(try rows.step() && rows.int64(0) == 1 && rows.string(1) == "one")
    #expect(try rows.step() && rows.int64(0) == 2 && rows.isNull(1))
    #expect(try !rows.step())
  }

  @Test func bindsAndReadsEveryType() throws {
    let database = try Database(path: path)
    try database.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
    try database.execute(
      "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
      [.integer(-1 << 40), .real(0.25), .text("é\u{0}x"), .blob([0, 1, 255]), .null])
    try database.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [.integer(0), .real(0), .text(""), .blob([]), .null])
    let statement = try database.prepare("SELECT i, r, s, b, n FROM t ORDER BY rowid")
    #expect(try statement.step())
    #expect(statement.int64(0) == -1 << 40)
    #expect(statement.double(1) == 0.25)
    #expect(statement.string(2) == "é\u{0}x")
    #expect(statement.blob(3) == [0, 1, 255])
    #expect(statement.isNull(4) && statement.string(4) == nil && statement.optionalInt64(4) == nil)
    #expect(try statement.step())
    #expect(statement.string(2) == "")  // empty text stays text, not NULL
    #expect(try !statement.step())
  }

  @Test func errorsNameTheStatementAndSQLiteMessage() throws {
    let database = try Database(path: path)
    #expect(throws: StorageError.sqlite(operation: "SELEC 1", code: 1, message: "near \"SELEC\": syntax error")) {
      try database.prepare("SELEC 1")
    }
    try database.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    try database.execute("INSERT INTO t VALUES (1)")
    do {
      try database.execute("INSERT INTO t VALUES (?)", [.integer(1)])
      Issue.record("duplicate key accepted")
    } catch {
      guard case .sqlite(let operation, let code, let message) = error else { throw error }
      #expect(operation == "INSERT INTO t VALUES (?)")
      #expect(code == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
      #expect(message.contains("UNIQUE constraint failed: t.x"))
    }
  }

  @Test func openingAMissingFileReadOnlyFails() {
    #expect {
      try Database(path: directory.path + "/missing.db", mode: .readOnly)
    } throws: { error in
      guard case .sqlite(let operation, _, _) = error as? StorageError else { return false }
      return operation == "sqlite3_open_v2"
    }
  }

  @Test func transactionCommitsOrRollsBack() throws {
    let database = try Database(path: path)
    try database.execute("CREATE TABLE t (x INTEGER)")
    try database.transaction { () throws(StorageError) in try database.execute("INSERT INTO t VALUES (1)") }
    #expect(throws: StorageError.unknownCapture("boom")) {
      try database.transaction { () throws(StorageError) in
        try database.execute("INSERT INTO t VALUES (2)")
        throw .unknownCapture("boom")
      }
    }
    #expect(try database.scalar("SELECT group_concat(x) FROM t") == "1")
  }

  /// A crash-safe transaction syncs less only for itself: committed or rolled back, the connection is back at FULL.
  @Test func processCrashDurabilityAppliesToItsTransactionOnly() throws {
    let database = try Database(path: path)
    try database.execute("CREATE TABLE t (x INTEGER)")
    let inside = try database.transaction(durability: .processCrash) { () throws(StorageError) -> String in
      try database.execute("INSERT INTO t VALUES (1)")
      return try database.pragma("synchronous")
    }
    #expect(inside == "1")  // NORMAL
    #expect(try database.pragma("synchronous") == "2")
    #expect(throws: StorageError.unknownCapture("boom")) {
      try database.transaction(durability: .processCrash) { () throws(StorageError) in throw .unknownCapture("boom") }
    }
    #expect(try database.pragma("synchronous") == "2")
    #expect(try Database(path: path).scalar("SELECT group_concat(x) FROM t") == "1")
  }

  @Test func uncommittedWritesAreInvisibleToOtherConnections() throws {
    let writer = try Database(path: path)
    try writer.execute("CREATE TABLE t (x INTEGER)")
    let reader = try Database(path: path)
    try writer.execute("BEGIN IMMEDIATE")
    try writer.execute("INSERT INTO t VALUES (1)")
    let count = try reader.prepare("SELECT count(*) FROM t")
    #expect(try count.step() && count.int64(0) == 0)
    count.reset()
    try writer.execute("COMMIT")
    #expect(try count.step() && count.int64(0) == 1)
  }

  @Test func readersReadWhileAWriterHoldsTheLock() throws {
    let writer = try Database(path: path)
    try writer.execute("CREATE TABLE t (x INTEGER)")
    try writer.execute("INSERT INTO t VALUES (1)")
    let other = try Database(path: path, busyTimeoutMilliseconds: 50)
    try writer.execute("BEGIN IMMEDIATE")
    let read = try other.prepare("SELECT count(*) FROM t")
    #expect(try read.step() && read.int64(0) == 1)
    // A second writer waits for the busy timeout, then reports SQLITE_BUSY.
    #expect {
      try other.execute("BEGIN IMMEDIATE")
    } throws: { error in
      guard case .sqlite(_, let code, _) = error as? StorageError else { return false }
      return code == 5
    }
    try writer.execute("COMMIT")
  }

  @Test func aWriterWaitsForTheLockAndTakesItWhenReleased() throws {
    let holder = try Database(path: path)
    try holder.execute("CREATE TABLE t (x INTEGER)")
    try holder.execute("BEGIN IMMEDIATE")
    try holder.execute("INSERT INTO t VALUES (1)")
    let released = DispatchSemaphore(value: 0)
    let path = path
    nonisolated(unsafe) var waiterResult: Result<Void, StorageError>?
    let waiter = Thread {
      waiterResult = Result { () throws(StorageError) in
        let other = try Database(path: path, busyTimeoutMilliseconds: 5000)
        try other.transaction { () throws(StorageError) in try other.execute("INSERT INTO t VALUES (2)") }
      }
      released.signal()
    }
    waiter.start()
    // While the lock is held the waiter must not finish: a waiter that failed at once, or wrote past the lock,
    // would signal within this time.
    #expect(released.wait(timeout: .now() + 0.3) == .timedOut, "the writer did not wait for the lock")
    try holder.execute("COMMIT")
    released.wait()
    #expect(throws: Never.self) { try waiterResult?.get() }
    #expect(try holder.scalar("SELECT group_concat(x) FROM t") == "1,2")
  }
}

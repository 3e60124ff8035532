import CSQLite
import Platform

/// A connection to one SQLite database file.
///
/// A connection belongs to one thread at a time (it is opened with `SQLITE_OPEN_NOMUTEX` and is not
/// `Sendable`): each thread that needs the database opens its own. WAL mode lets those connections read while
/// one of them writes; writers wait for each other up to the busy timeout.
///
/// Durability: every read-write connection runs `journal_mode=WAL` with `synchronous=FULL` by default. With
/// `NORMAL`, WAL stays consistent after a power cut but silently loses the transactions committed since the last
/// sync, and an outcome whose finding the forwarder had already sent, or whose file was already moved away, would
/// vanish. `FULL` syncs the WAL at every commit, so a commit that returned survives power loss; the cost is one
/// fsync, a few milliseconds on eMMC or SD cards. Writes that a power cut may undo harmlessly (a claim: the file
/// is still in the folder and the start-up scan claims it again) ask for `Durability.processCrash` instead, and
/// ride on the next synced commit: one fsync per capture, at its outcome.
public final class Database {
  /// How to open the file.
  public enum Mode: Sendable {
    /// Read only (the command-line verbs that list outcomes and outbox entries).
    case readOnly
    /// Read and write, creating the file if needed.
    case readWrite
  }

  /// What a committed transaction survives.
  public enum Durability: Sendable {
    /// Power loss: the WAL is synced before the commit returns (`synchronous = FULL`).
    case powerLoss
    /// A crash of the process, not power loss (`synchronous = NORMAL`): the commit reaches the operating system,
    /// and the disk with the next `.powerLoss` commit of any connection, which syncs the whole WAL.
    case processCrash
  }

  let handle: OpaquePointer
  static let busyPollMicroseconds = 200
  /// The statements `execute` has compiled, by SQL text, kept for the connection's life: the capture path runs
  /// the same dozen statements (BEGIN, the claim, the outcome, COMMIT…) for every capture, and compiling them
  /// anew each time cost more than running them.
  private var cachedHandles: [String: OpaquePointer] = [:]
  /// The database file's path.
  public let path: String

  /// Opens (and for `.readWrite`, creates and switches to WAL mode) the database at `path`.
  /// `busyTimeoutMilliseconds` bounds how long a statement waits for another connection's write lock.
  /// With `migrating` (read-write only), brings the schema up to date (`Schema.migrate`): the state database's
  /// first opening in a process does, so that further connections of that process (workers, forwarder), and
  /// the ledger and outbox on any connection, find it current.
  /// The corresponding C function is `sqlite3_open_v2`.
  public init(
    path: String, mode: Mode = .readWrite, busyTimeoutMilliseconds: Int32 = 5000, migrating: Bool = true
  ) throws(StorageError) {
    let flags =
      switch mode {
      case .readOnly: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
      case .readWrite: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
      }
    var opened: OpaquePointer?
    let status = sqlite3_open_v2(path, &opened, flags, nil)
    guard let opened, status == SQLITE_OK else {
      let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(opened)
      throw .sqlite(operation: "sqlite3_open_v2", code: status, message: "\(path): \(message)")
    }
    handle = opened
    self.path = path
    sqlite3_extended_result_codes(handle, 1)
    // SQLite's own busy timeout sleeps 1, 2, 5, 10… ms between tries: a worker waiting out another's commit
    // (one fsync, often under a millisecond) would sleep far longer than the commit took. Polling every 200 µs
    // hands the write lock on about as soon as it is free.
    sqlite3_busy_handler(
      handle,
      { timeout, tries in
        guard Int(tries) * Database.busyPollMicroseconds < Int(bitPattern: timeout) else { return 0 }
        sleepMicroseconds(Database.busyPollMicroseconds)
        return 1
      }, UnsafeMutableRawPointer(bitPattern: Int(busyTimeoutMilliseconds) * 1000))
    if mode == .readWrite {
      let journal = try pragma("journal_mode = WAL")
      guard journal == "wal" else {
        throw .sqlite(
          operation: "PRAGMA journal_mode = WAL", code: SQLITE_ERROR, message: "journal mode stayed '\(journal)'")
      }
      try execute("PRAGMA synchronous = FULL")
    }
    try execute("PRAGMA foreign_keys = ON")
    if mode == .readWrite && migrating { try Schema.migrate(self) }
  }

  deinit {
    for statement in cachedHandles.values { sqlite3_finalize(statement) }
    // close_v2 defers the close until the last statement is finalized; statements hold this object anyway.
    sqlite3_close_v2(handle)
  }

  /// Compiles one SQL statement. The corresponding C function is `sqlite3_prepare_v2`.
  public func prepare(_ sql: String) throws(StorageError) -> Statement {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard status == SQLITE_OK, let statement else { throw error(status, in: sql) }
    return Statement(handle: statement, database: self)
  }

  /// The statement for `sql`, compiled on first use and then kept by the connection (`SQLITE_PREPARE_PERSISTENT`).
  /// It is reset and its bindings cleared when the returned object is released; one use at a time.
  /// The corresponding C function is `sqlite3_prepare_v3`.
  func cachedStatement(_ sql: String) throws(StorageError) -> Statement {
    if let cached = cachedHandles[sql] { return Statement(handle: cached, database: self, isCached: true) }
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard status == SQLITE_OK, let statement else { throw error(status, in: sql) }
    cachedHandles[sql] = statement
    return Statement(handle: statement, database: self, isCached: true)
  }

  /// Runs one statement with `values` bound to its parameters, stepping it to completion; returns the number of
  /// rows it changed. The statement is compiled once per connection (`cachedStatement`).
  @discardableResult
  public func execute(_ sql: String, _ values: [SQLValue] = []) throws(StorageError) -> Int {
    let statement = try cachedStatement(sql)
    try statement.bind(values)
    while try statement.step() {}
    return Int(sqlite3_changes(handle))
  }

  /// Runs several `;`-separated statements without parameters (schema scripts).
  /// The corresponding C function is `sqlite3_exec`.
  public func executeScript(_ sql: String) throws(StorageError) {
    let status = sqlite3_exec(handle, sql, nil, nil, nil)
    guard status == SQLITE_OK else { throw error(status, in: sql) }
  }

  /// The first column of the first row of `PRAGMA text`, as text (empty if it returns no row).
  public func pragma(_ text: String) throws(StorageError) -> String {
    let statement = try cachedStatement("PRAGMA " + text)
    return try statement.step() ? statement.string(0) ?? "" : ""
  }

  /// The schema version stored in the file header (`PRAGMA user_version`).
  public func userVersion() throws(StorageError) -> Int {
    let statement = try cachedStatement("PRAGMA user_version")
    return try statement.step() ? Int(statement.int64(0)) : 0
  }

  /// Sets `PRAGMA user_version`.
  public func setUserVersion(_ version: Int) throws(StorageError) {
    // PRAGMA arguments cannot be bound; an Int interpolates safely.
    try execute("PRAGMA user_version = \(version)")
  }

  /// Runs `body` in one transaction: commits if it returns, rolls back if it throws. The commit survives what
  /// `durability` says.
  ///
  /// The transaction is `BEGIN IMMEDIATE`: it takes the write lock up front, so two connections that both read
  /// then write cannot deadlock on the upgrade (the loser waits for the busy timeout instead of failing).
  /// Transactions do not nest.
  @discardableResult
  public func transaction<Result>(
    durability: Durability = .powerLoss, _ body: () throws(StorageError) -> Result
  ) throws(StorageError) -> Result {
    precondition(sqlite3_get_autocommit(handle) != 0, "Database.transaction does not nest")
    if durability == .processCrash { try execute("PRAGMA synchronous = NORMAL") }
    let result: Result
    do {
      try execute("BEGIN IMMEDIATE")
      result = try body()
      try execute("COMMIT")
    } catch {
      // After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already rolled back; ROLLBACK then fails
      // harmlessly, and the caller needs the first error, not that one.
      if sqlite3_get_autocommit(handle) == 0 { _ = try? execute("ROLLBACK") }
      if durability == .processCrash { try execute("PRAGMA synchronous = FULL") }
      throw error
    }
    if durability == .processCrash { try execute("PRAGMA synchronous = FULL") }
    return result
  }

  /// The rowid of the last row inserted through this connection.
  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  func error(_ status: Int32, in operation: String) -> StorageError {
    .sqlite(operation: operation, code: status, message: String(cString: sqlite3_errmsg(handle)))
  }
}

import CSQLite

/// A compiled SQL statement of one `Database`. Parameters and columns are numbered as in SQLite: parameters
/// from 1, columns from 0.
public final class Statement {
  let handle: OpaquePointer
  // Keeps the connection open for as long as the statement lives.
  let database: Database
  // A statement of the connection's cache (`Database.cachedStatement`) is only lent: the connection finalizes it.
  private let isCached: Bool

  init(handle: OpaquePointer, database: Database, isCached: Bool = false) {
    self.handle = handle
    self.database = database
    self.isCached = isCached
  }

  deinit {
    if isCached {
      // Ready for the next use, holding neither a read lock nor the last values.
      sqlite3_reset(handle)
      sqlite3_clear_bindings(handle)
    } else {
      sqlite3_finalize(handle)
    }
  }

  /// The statement's SQL text, naming the operation in errors.
  public var sql: String { sqlite3_sql(handle).map { String(cString: $0) } ?? "" }

  /// Binds `values` to parameters 1, 2, …
  public func bind(_ values: [SQLValue]) throws(StorageError) {
    for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
  }

  /// Binds one parameter. Text and blobs are copied. The corresponding C functions are `sqlite3_bind_*`.
  public func bind(_ value: SQLValue, at index: Int32) throws(StorageError) {
    let status: Int32
    switch value {
    case .integer(let integer): status = sqlite3_bind_int64(handle, index, integer)
    case .real(let real): status = sqlite3_bind_double(handle, index, real)
    case .null: status = sqlite3_bind_null(handle, index)
    case .text(let text):
      // withCString gives a non-null pointer even for "", which SQLite would otherwise bind as NULL.
      let count = Int32(text.utf8.count)
      status = text.withCString { csqlite_bind_text(handle, index, $0, count) }
    case .blob(let bytes):
      status = bytes.withUnsafeBytes { raw in
        csqlite_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count))
      }
    }
    guard status == SQLITE_OK else { throw database.error(status, in: sql) }
  }

  /// Advances to the next row: true if there is one, false when the statement is done.
  /// The corresponding C function is `sqlite3_step`.
  public func step() throws(StorageError) -> Bool {
    let status = sqlite3_step(handle)
    switch status {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw database.error(status, in: sql)
    }
  }

  /// Rewinds the statement so that it can run again; bindings are kept.
  public func reset() { sqlite3_reset(handle) }

  /// True if the column of the current row is NULL.
  public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

  /// The column as an integer (0 for NULL).
  public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

  /// The column as an integer, or nil for NULL.
  public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

  /// The column as a floating-point number (0 for NULL).
  public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

  /// The column as a floating-point number, or nil for NULL.
  public func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

  /// The column as UTF-8 text, or nil for NULL.
  public func string(_ column: Int32) -> String? {
    guard let text = sqlite3_column_text(handle, column) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, column))
    return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
  }

  /// The column as bytes (empty for NULL).
  public func blob(_ column: Int32) -> [UInt8] {
    guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
    let count = Int(sqlite3_column_bytes(handle, column))
    return Array(UnsafeRawBufferPointer(start: bytes, count: count))
  }
}

/// Everything that can go wrong in the ledger and outbox database.
public enum StorageError: Error, Equatable, CustomStringConvertible {
  /// SQLite refused `operation` (the SQL text, or the C function for connection-level calls) with its
  /// extended result code and message. Values are always bound, never part of the SQL, so no capture data
  /// appears here.
  case sqlite(operation: String, code: Int32, message: String)
  /// The database was written by a newer edgediag (its `user_version` is beyond the migrations known here).
  case schemaTooNew(found: Int, supported: Int)
  /// The database holds a value this version cannot read, e.g. an unknown outcome name.
  case unreadable(table: String, column: String, value: String)
  /// No capture has this id.
  case unknownCapture(String)
  /// The capture already has an outcome; a capture is recorded once.
  case alreadyRecorded(String)
  /// No outbox entry has this id.
  case unknownFinding(String)

  public var description: String {
    switch self {
    case .sqlite(let operation, let code, let message):
      return "SQLite error \(code) (\(message)) in: \(operation)"
    case .schemaTooNew(let found, let supported):
      return "database schema version \(found) is newer than this edgediag supports (\(supported))"
    case .unreadable(let table, let column, let value):
      return "unreadable value '\(value)' in \(table).\(column)"
    case .unknownCapture(let id):
      return "no capture with id \(id)"
    case .alreadyRecorded(let id):
      return "capture \(id) already has an outcome"
    case .unknownFinding(let id):
      return "no outbox entry with id \(id)"
    }
  }
}

/// The outbox: findings waiting to be forwarded, in the ledger's database so that a finding is queued in the same
/// transaction as its outcome (see `Ledger.record`). The forwarder reads it through its own connection.
///
/// Findings are never deleted. An entry leaves `pending` only as `delivered`, as `failed` (the receiver refused
/// it for good), or as `expired` (see `enforceBounds`); `retryFailed` puts failed and expired entries back.
public struct Outbox {
  public let database: Database

  /// Uses `database`, whose opening brought the schema up to date.
  public init(database: Database) {
    self.database = database
  }

  /// Queues `finding` as entry `id`, due at once (`at`, nanoseconds since the Unix epoch), unless an entry with
  /// its Idempotency-Key is already queued (the same image, model and device: the receiver has, or will get, that
  /// finding); returns whether it was queued. Called by `Ledger.record` inside its transaction, so the entry is
  /// stored together with its outcome or not at all.
  static func enqueue(_ finding: Finding, id: String, at: Int64, in database: Database) throws(StorageError) -> Bool {
    try database.execute(
      """
      INSERT INTO outbox
        (id, idempotency_key, created_at, label, score, content_type, body, state, next_attempt_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)
      ON CONFLICT (idempotency_key) DO NOTHING
      """,
      [
        .text(id), .text(finding.idempotencyKey), .integer(at), .text(finding.label),
        .real(Double(finding.score)), .text(finding.contentType), .text(finding.body), .integer(at),
      ]) == 1
  }

  /// The pending entry whose next attempt is due at `now` (nanoseconds since the Unix epoch), oldest due first.
  public func nextDue(now: Int64) throws(StorageError) -> OutboxEntry? {
    try entries(
      where: "state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT 1",
      [.integer(now)]
    ).first
  }

  /// The earliest next attempt among pending entries, for the forwarder's sleep; nil if none is pending.
  public func nextAttemptTime() throws(StorageError) -> Int64? {
    let statement = try database.prepare("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'")
    return try statement.step() ? statement.optionalInt64(0) : nil
  }

  /// The receiver accepted entry `id` at time `at`.
  public func markDelivered(id: String, at: Int64) throws(StorageError) {
    try update(
      id, "state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL", [.integer(at)])
  }

  /// An attempt failed in a way worth retrying (network error, HTTP 5xx or 429); try again at `nextAttemptAt`.
  public func markRetry(id: String, nextAttemptAt: Int64, error: String) throws(StorageError) {
    try update(
      id, "attempts = attempts + 1, next_attempt_at = ?, last_error = ?", [.integer(nextAttemptAt), .text(error)])
  }

  /// The receiver refused entry `id` for good (e.g. HTTP 400); it stays in the outbox as `failed`.
  public func markFailed(id: String, reason: String) throws(StorageError) {
    try update(id, "state = 'failed', attempts = attempts + 1, last_error = ?", [.text(reason)])
  }

  /// Puts every failed and expired entry back to pending, due at `now`; returns how many (`edgediag outbox retry`).
  @discardableResult
  public func retryFailed(now: Int64) throws(StorageError) -> Int {
    try database.execute(
      "UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE state IN ('failed', 'expired')",
      [.integer(now)])
  }

  /// Entries in any of `states`, oldest first.
  public func list(states: [OutboxState] = OutboxState.allCases) throws(StorageError) -> [OutboxEntry] {
    let names = states.map { "'" + $0.rawValue + "'" }.joined(separator: ", ")
    return try entries(where: "state IN (\(names)) ORDER BY created_at, id", [])
  }

  /// The entry with this id, or nil.
  public func lookup(id: String) throws(StorageError) -> OutboxEntry? {
    try entries(where: "id = ?", [.text(id)]).first
  }

  /// Totals by state.
  public func counts() throws(StorageError) -> OutboxCounts {
    let statement = try database.prepare(
      """
      SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'delivered'),
        count(*) FILTER (WHERE state = 'failed'), count(*) FILTER (WHERE state = 'expired')
      FROM outbox
      """)
    _ = try statement.step()
    return OutboxCounts(
      pending: Int(statement.int64(0)), delivered: Int(statement.int64(1)), failed: Int(statement.int64(2)),
      expired: Int(statement.int64(3)))
  }

  /// Keeps the retry work bounded without ever dropping a finding.
  ///
  /// Pending entries created more than `maxAge` nanoseconds before `now`, and then the oldest pending entries
  /// beyond `maxEntries`, move to `expired`: the forwarder stops retrying them, so a long outage cannot grow the
  /// backlog without end and fresh findings keep flowing first. Expired entries stay in the database with the
  /// reason in `lastError`, are listed by `edgediag outbox`, and go back to pending with `edgediag outbox retry`.
  /// The caller logs an error whenever the report `needsAttention`. `maxAge` or `maxEntries` of 0 disables
  /// that bound.
  public func enforceBounds(maxAge: Int64, maxEntries: Int, now: Int64) throws(StorageError) -> OutboxBoundsReport {
    try database.transaction { () throws(StorageError) -> OutboxBoundsReport in
      var byAge = 0
      if maxAge > 0 {
        byAge = try database.execute(
          """
          UPDATE outbox SET state = 'expired',
            last_error = 'expired: undelivered longer than max_outbox_age_days' || coalesce('; last error: ' || last_error, '')
          WHERE state = 'pending' AND created_at < ?
          """,
          [.integer(now - maxAge)])
      }
      var byCount = 0
      if maxEntries > 0 {
        byCount = try database.execute(
          """
          UPDATE outbox SET state = 'expired',
            last_error = 'expired: more than max_outbox_entries undelivered' || coalesce('; last error: ' || last_error, '')
          WHERE id IN (
            SELECT id FROM outbox WHERE state = 'pending' ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)
          """,
          [.integer(Int64(maxEntries))])
      }
      return OutboxBoundsReport(expiredByAge: byAge, expiredByCount: byCount, expiredTotal: try counts().expired)
    }
  }

  private func update(_ id: String, _ assignments: String, _ values: [SQLValue]) throws(StorageError) {
    let changed = try database.execute("UPDATE outbox SET " + assignments + " WHERE id = ?", values + [.text(id)])
    guard changed == 1 else { throw .unknownFinding(id) }
  }

  private func entries(where clause: String, _ values: [SQLValue]) throws(StorageError) -> [OutboxEntry] {
    let statement = try database.prepare(
      """
      SELECT id, created_at, label, score, content_type, body, state, attempts, next_attempt_at, last_error,
        delivered_at, idempotency_key
      FROM outbox WHERE
      """ + " " + clause)
    try statement.bind(values)
    var rows: [OutboxEntry] = []
    while try statement.step() {
      let stateName = statement.string(6) ?? ""
      guard let state = OutboxState(rawValue: stateName) else {
        throw .unreadable(table: "outbox", column: "state", value: stateName)
      }
      let finding = Finding(
        idempotencyKey: statement.string(11) ?? "", label: statement.string(2) ?? "", score: Float(statement.double(3)),
        contentType: statement.string(4) ?? "",
        body: statement.string(5) ?? "")
      rows.append(
        OutboxEntry(
          id: statement.string(0) ?? "", createdAt: statement.int64(1), finding: finding, state: state,
          attempts: Int(statement.int64(7)), nextAttemptAt: statement.int64(8), lastError: statement.string(9),
          deliveredAt: statement.optionalInt64(10)))
    }
    return rows
  }
}

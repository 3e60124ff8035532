import Platform

/// The ledger: one row per capture, so that every capture is processed once and ends with one outcome, across
/// restarts and crashes.
///
/// A capture is first claimed (by the watcher, from the file's stat), then recorded (by the worker that processed
/// it). A claim that an earlier run never recorded comes back as `.pending` and is processed again.
public struct Ledger {
  public let database: Database
  let run: Int64

  /// Uses `database`, whose opening brought the schema up to date. `run` identifies this daemon run (e.g. its
  /// start time in nanoseconds): claims made under another run value are leftovers of a crash.
  public init(database: Database, run: Int64) {
    self.database = database
    self.run = run
  }

  /// Claims the capture with `key` at time `now` (nanoseconds since the Unix epoch). A claim survives a crash of
  /// the process; a power cut may undo it, harmlessly: the file is still in the folder, and the start-up scan
  /// claims it again.
  public func claim(_ key: CaptureKey, at now: Int64) throws(StorageError) -> Claim {
    try claim([key], at: now, room: 1)[0]
  }

  /// Claims `keys` in order, each as `claim(_:at:)` does, in one transaction (one commit for the files of an
  /// inotify read or a scan instead of one each), until `room` of them are to be processed (`.new` or
  /// `.pending`). Only those take room: a scan lists every file in the folder, and recorded files (or files
  /// claimed already) must not use up the room of the new ones behind them. Returns the claims made, in order:
  /// every key's, unless the room ran out first. If any fails, none is made.
  public func claim(_ keys: [CaptureKey], at now: Int64, room: Int) throws(StorageError) -> [Claim] {
    try database.transaction(durability: .processCrash) { () throws(StorageError) -> [Claim] in
      var claims: [Claim] = []
      claims.reserveCapacity(keys.count)
      var left = room
      for key in keys {
        guard left > 0 else { break }
        let claim = try claimInTransaction(key, at: now)
        if claim.shouldProcess { left -= 1 }
        claims.append(claim)
      }
      return claims
    }
  }

  private func claimInTransaction(_ key: CaptureKey, at now: Int64) throws(StorageError) -> Claim {
    let existing = try database.cachedStatement(
      "SELECT id, state, run, attempts FROM ledger WHERE path = ? AND size = ? AND mtime_ns = ? AND inode = ?")
    try existing.bind(Ledger.values(key))
    if try existing.step() {
      let id = existing.string(0) ?? ""
      if existing.string(1) == "done" { return .alreadyRecorded(id) }
      if existing.int64(2) == run { return .inProgress(id) }
      let attempts = Int(existing.int64(3))
      try database.execute(
        "UPDATE ledger SET run = ?, claimed_at = ? WHERE id = ?", [.integer(run), .integer(now), .text(id)])
      return .pending(id, attempts: attempts)
    }
    let id = try unusedID(for: key)
    try database.execute(
      """
      INSERT INTO ledger (id, path, size, mtime_ns, inode, state, run, attempts, claimed_at, device)
      VALUES (?, ?, ?, ?, ?, 'claimed', ?, 0, ?, ?)
      """,
      [.text(id)] + Ledger.values(key) + [.integer(run), .integer(now), .integer(Int64(bitPattern: key.device))])
    return .new(id)
  }

  /// Notes that a worker starts processing capture `id`. Only starts count as attempts: a capture that merely
  /// waited in the queue when the daemon stopped was never tried, and must not be given up on. The count guards
  /// against captures that crash the daemon, so it must survive a crash of the process; a power cut that undoes
  /// it costs one more attempt.
  public func begin(id: String) throws(StorageError) {
    try database.transaction(durability: .processCrash) { () throws(StorageError) in
      try database.execute(
        "UPDATE ledger SET attempts = attempts + 1 WHERE id = ? AND state = 'claimed'", [.text(id)])
    }
  }

  /// Hands capture `id` back unrecorded: the next claim of its file, in this run too, takes it again
  /// (`.pending`), as a claim left by an earlier run. For a capture that cannot be read yet (a permission, an
  /// I/O error): it is tried again instead of getting a final outcome.
  public func release(id: String) throws(StorageError) {
    try database.transaction(durability: .processCrash) { () throws(StorageError) in
      try database.execute("UPDATE ledger SET run = 0 WHERE id = ? AND state = 'claimed'", [.text(id)])
    }
  }

  /// Throws unless the ledger can be written now: a write transaction that changes nothing, so that a held
  /// write lock or a full disk shows here, where a read would still succeed.
  public func checkWritable() throws(StorageError) {
    try database.transaction(durability: .processCrash) { () throws(StorageError) in
      try database.setUserVersion(try database.userVersion())
    }
  }

  /// Records the outcome of capture `id` and, if `finding` is given, queues it in the outbox as entry `id`, in
  /// one transaction: either both are stored or neither is. Returns whether the finding was queued: not when the
  /// outbox already holds one with its Idempotency-Key (the same image analysed again under another capture).
  @discardableResult
  public func record(id: String, outcome: OutcomeRecord, finding: Finding?) throws(StorageError) -> Bool {
    switch try record([(id, outcome, finding)])[0] {
    case .stored(let findingQueued): return findingQueued
    case .refused(let error): throw error
    }
  }

  /// What became of one outcome of a group (`record(_:)`).
  public enum Recorded: Equatable {
    /// Stored, with its finding if it has one; `findingQueued` says whether the finding joined the outbox (not
    /// when the outbox already holds its Idempotency-Key).
    case stored(findingQueued: Bool)
    /// Not stored, and no retry would store it: the capture already has an outcome (`.alreadyRecorded`), or the
    /// ledger has no such capture (`.unknownCapture`).
    case refused(StorageError)
  }

  /// Records several outcomes, each with its finding as `record(id:outcome:finding:)` does, in one synced
  /// transaction: one commit, one sync of the log, for all of them. An outcome refused (its capture already
  /// recorded, or unknown) leaves the others to be stored; any other error stores none of them. The results are
  /// in the order of `outcomes`.
  public func record(_ outcomes: [(id: String, outcome: OutcomeRecord, finding: Finding?)]) throws(StorageError)
    -> [Recorded]
  {
    try database.transaction { () throws(StorageError) -> [Recorded] in
      var results: [Recorded] = []
      results.reserveCapacity(outcomes.count)
      for (id, outcome, finding) in outcomes {
        results.append(try recordInTransaction(id: id, outcome: outcome, finding: finding))
      }
      return results
    }
  }

  private func recordInTransaction(id: String, outcome: OutcomeRecord, finding: Finding?) throws(StorageError)
    -> Recorded
  {
    let changed = try database.execute(
      """
      UPDATE ledger SET state = 'done', outcome = ?, reason = ?, label = ?, score = ?, scores = ?, sha256 = ?,
        model_name = ?, model_version = ?, model_sha256 = ?, decode_us = ?, inference_us = ?, recorded_at = ?,
        reported = 0
      WHERE id = ? AND state = 'claimed'
      """,
      [
        .text(outcome.outcome.rawValue), .text(outcome.reason), SQLValue(outcome.label),
        SQLValue(outcome.score.map(Double.init)), .text(Ledger.format(outcome.scores)), SQLValue(outcome.sha256),
        SQLValue(outcome.model?.name), SQLValue(outcome.model?.version), SQLValue(outcome.model?.sha256),
        SQLValue(outcome.decodeMicroseconds), SQLValue(outcome.inferenceMicroseconds), .integer(outcome.recordedAt),
        .text(id),
      ])
    guard changed == 1 else {
      return .refused(try lookup(captureID: id) == nil ? .unknownCapture(id) : .alreadyRecorded(id))
    }
    guard let finding else { return .stored(findingQueued: false) }
    return .stored(findingQueued: try Outbox.enqueue(finding, id: id, at: outcome.recordedAt, in: database))
  }

  /// Notes that the outcomes of captures `ids` have been reported: their files moved if asked, their journal
  /// entries sent. A kill before this leaves them in `unreported()`, for the next start to report. Like a claim,
  /// it survives a crash of the process; a power cut may undo it, and those captures are reported once more.
  public func markReported(_ ids: [String]) throws(StorageError) {
    guard !ids.isEmpty else { return }
    try database.transaction(durability: .processCrash) { () throws(StorageError) in
      for id in ids { try database.execute("UPDATE ledger SET reported = 1 WHERE id = ?", [.text(id)]) }
    }
  }

  /// Captures recorded but not yet reported (`markReported`), oldest outcome first: what a run killed between
  /// an outcome's commit and its report left undone.
  public func unreported() throws(StorageError) -> [CaptureRecord] {
    try records(where: "state = 'done' AND reported = 0 ORDER BY recorded_at, id", [])
  }

  /// True if the ledger has a row for `key`, claimed or recorded.
  public func isKnown(_ key: CaptureKey) throws(StorageError) -> Bool {
    let statement = try database.prepare(
      "SELECT 1 FROM ledger WHERE path = ? AND size = ? AND mtime_ns = ? AND inode = ?")
    try statement.bind(Ledger.values(key))
    return try statement.step()
  }

  /// Captures claimed but never recorded, oldest claim first: what a restarted daemon must process again.
  public func pending() throws(StorageError) -> [CaptureRecord] {
    try records(where: "state = 'claimed' ORDER BY claimed_at, id", [])
  }

  /// Recorded captures with `recordedAt >= since`, oldest first, at most `limit`.
  public func outcomes(since: Int64, limit: Int) throws(StorageError) -> [CaptureRecord] {
    try records(
      where: "state = 'done' AND recorded_at >= ? ORDER BY recorded_at, id LIMIT ?",
      [.integer(since), .integer(Int64(limit))])
  }

  /// The capture with this id, or nil.
  public func lookup(captureID: String) throws(StorageError) -> CaptureRecord? {
    try records(where: "id = ?", [.text(captureID)]).first
  }

  /// Totals over the ledger.
  public func counts() throws(StorageError) -> LedgerCounts {
    let statement = try database.prepare(
      """
      SELECT count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE outcome = 'finding'),
        count(*) FILTER (WHERE state = 'claimed')
      FROM ledger
      """)
    _ = try statement.step()
    return LedgerCounts(
      done: Int(statement.int64(0)), findings: Int(statement.int64(1)), pending: Int(statement.int64(2)))
  }

  private func unusedID(for key: CaptureKey) throws(StorageError) -> String {
    let taken = try database.cachedStatement("SELECT 1 FROM ledger WHERE id = ?")
    var salt = 0
    while true {
      let id = key.captureID(salt: salt)
      taken.reset()
      try taken.bind(.text(id), at: 1)
      if try !taken.step() { return id }
      salt += 1
    }
  }

  private func records(where clause: String, _ values: [SQLValue]) throws(StorageError) -> [CaptureRecord] {
    let statement = try database.prepare(
      """
      SELECT id, path, size, mtime_ns, inode, attempts, claimed_at, outcome, reason, label, score, scores, sha256,
        model_name, model_version, model_sha256, decode_us, inference_us, recorded_at, device
      FROM ledger WHERE
      """ + " " + clause)
    try statement.bind(values)
    var rows: [CaptureRecord] = []
    while try statement.step() {
      let id = statement.string(0) ?? ""
      var outcome: OutcomeRecord?
      if let name = statement.string(7) {
        guard let kind = Outcome(rawValue: name) else {
          throw .unreadable(table: "ledger", column: "outcome", value: name)
        }
        let scoresText = statement.string(11) ?? ""
        guard let scores = Ledger.parse(scoresText) else {
          throw .unreadable(table: "ledger", column: "scores", value: scoresText)
        }
        let model = statement.string(13).map { name in
          ModelIdentity(name: name, version: statement.string(14) ?? "", sha256: statement.string(15) ?? "")
        }
        outcome = OutcomeRecord(
          outcome: kind, reason: statement.string(8) ?? "", label: statement.string(9),
          score: statement.optionalDouble(10).map(Float.init), scores: scores, sha256: statement.string(12),
          model: model, decodeMicroseconds: statement.optionalInt64(16),
          inferenceMicroseconds: statement.optionalInt64(17), recordedAt: statement.int64(18))
      }
      let key = CaptureKey(
        path: Ledger.path(statement, column: 1), size: statement.int64(2), modifiedNanoseconds: statement.int64(3),
        inode: UInt64(bitPattern: statement.int64(4)), device: UInt64(bitPattern: statement.int64(19)))
      rows.append(
        CaptureRecord(
          id: id, key: key, attempts: Int(statement.int64(5)), claimedAt: statement.int64(6), outcome: outcome))
    }
    return rows
  }

  private static func values(_ key: CaptureKey) -> [SQLValue] {
    [
      path(key.path), .integer(key.size), .integer(key.modifiedNanoseconds),
      .integer(Int64(bitPattern: key.inode)),
    ]
  }

  /// A path as the ledger stores it: TEXT when it is valid UTF-8 (as every path was before names were kept as
  /// bytes, so those rows and their ids stay as they are), a BLOB of its bytes otherwise. The storage class
  /// tells the two apart, so no spelling is ambiguous, and one file's path is always stored the same way.
  static func path(_ path: FilePath) -> SQLValue {
    path.text.map(SQLValue.text) ?? .blob(path.bytes)
  }

  /// The path in `column`, stored by `path(_:)`: either way, the bytes SQLite holds (a TEXT's are its UTF-8).
  static func path(_ statement: Statement, column: Int32) -> FilePath { FilePath(bytes: statement.blob(column)) }

  /// Scores as the ledger stores them: shortest round-tripping decimals, comma-separated ("0.12,0.88").
  static func format(_ scores: [Float]) -> String {
    var text = ""
    for (index, score) in scores.enumerated() { text += (index == 0 ? "" : ",") + score.description }
    return text
  }

  static func parse(_ text: String) -> [Float]? {
    if text.isEmpty { return [] }
    var scores: [Float] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let score = Float(part) else { return nil }
      scores.append(score)
    }
    return scores
  }
}

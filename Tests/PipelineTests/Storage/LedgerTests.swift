import Pipeline
import Platform
import TestSupport
import Testing

@Suite struct LedgerTests {
  let directory = TemporaryDirectory()
  var path: String { directory.path + "/state.db" }

  static func key(_ name: String, size: Int64 = 1000, mtime: Int64 = 1_700_000_000_000_000_000, inode: UInt64 = 42)
    -> CaptureKey
  {
    CaptureKey(path: FilePath("/var/lib/capture/" + name), size: size, modifiedNanoseconds: mtime, inode: inode)
  }

  static let model = ModelIdentity(name: "demo", version: "1.0", sha256: String(repeating: "ab", count: 32))

  static func findingOutcome(at time: Int64) -> OutcomeRecord {
    OutcomeRecord(
      outcome: .finding, label: "lesion", score: 0.875, scores: [0.125, 0.875],
      sha256: String(repeating: "0f", count: 32), model: model, decodeMicroseconds: 1200, inferenceMicroseconds: 34000,
      recordedAt: time)
  }

  /// A finding with Idempotency-Key `key` (one key per image: another image, another key).
  static func finding(_ key: String = "0123456789abcdef0123456789abcdef") -> Finding {
    Finding(idempotencyKey: key, label: "lesion", score: 0.875, contentType: "application/json", body: "{\"a\":1}")
  }

  /// A path that is not UTF-8 is stored as a BLOB of its bytes, found again by them and read back unchanged; a
  /// UTF-8 path stays TEXT, with the id it always had.
  @Test func pathsThatAreNotUTF8AreKeptAsBytes() throws {
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 1)
    let latin1 = CaptureKey(
      path: FilePath(bytes: Array("/var/lib/capture/caf".utf8) + [0xE9] + Array(".jpg".utf8)), size: 1000,
      modifiedNanoseconds: 1_700_000_000_000_000_000, inode: 42)
    let utf8 = CaptureKey(
      path: "/var/lib/capture/café.jpg", size: 1000, modifiedNanoseconds: 1_700_000_000_000_000_000, inode: 42)
    guard case .new(let id) = try ledger.claim(latin1, at: 100), case .new(let other) = try ledger.claim(utf8, at: 100)
    else {
      Issue.record("not claimed as new")
      return
    }
    #expect(id != other)
    #expect(try ledger.claim(latin1, at: 101) == .inProgress(id))
    #expect(try ledger.isKnown(latin1))
    #expect(Set(try ledger.pending().map(\.key)) == [latin1, utf8])
    let stored = try database.prepare("SELECT id, typeof(path) FROM ledger ORDER BY id")
    var types: [String: String] = [:]
    while try stored.step() { types[stored.string(0) ?? ""] = stored.string(1) }
    #expect(types == [id: "blob", other: "text"])
    // The id of a UTF-8 path is what it was when paths were text: SHA-256 over the same bytes.
    let text = "edgediag-capture\u{0}/var/lib/capture/café.jpg\u{0}1000\u{0}1700000000000000000\u{0}42\u{0}0"
    #expect(other == String(SHA256.hex(of: Array(text.utf8)).prefix(16)))

    // After a restart the claim comes back as pending, under the same id, and is recorded.
    let restarted = Ledger(database: database, run: 2)
    #expect(try restarted.claim(latin1, at: 200) == .pending(id, attempts: 0))
    try restarted.record(id: id, outcome: Self.findingOutcome(at: 300), finding: nil)
    #expect(try restarted.lookup(captureID: id)?.key == latin1)
    #expect(try restarted.claim(latin1, at: 400) == .alreadyRecorded(id))
  }

  @Test func aCaptureIsClaimedOnceAndRecordedOnce() throws {
    let ledger = Ledger(database: try Database(path: path), run: 1)
    let claim = try ledger.claim(Self.key("a.jpg"), at: 100)
    guard case .new(let id) = claim else {
      Issue.record("first claim: \(claim)")
      return
    }
    #expect(id.count == 16 && Hex.isDigest(id, count: 16))
    #expect(try ledger.claim(Self.key("a.jpg"), at: 101) == .inProgress(id))

    try ledger.record(id: id, outcome: Self.findingOutcome(at: 200), finding: Self.finding())
    #expect(try ledger.claim(Self.key("a.jpg"), at: 300) == .alreadyRecorded(id))
    #expect(throws: StorageError.alreadyRecorded(id)) {
      try ledger.record(id: id, outcome: Self.findingOutcome(at: 400), finding: nil)
    }
    let record = try #require(try ledger.lookup(captureID: id))
    #expect(record.key == Self.key("a.jpg"))
    #expect(record.outcome == Self.findingOutcome(at: 200))
    #expect(record.attempts == 0 && record.claimedAt == 100)
  }

  @Test func anyChangedStatFieldIsANewCapture() throws {
    let ledger = Ledger(database: try Database(path: path), run: 1)
    let variants = [
      Self.key("a.jpg"), Self.key("b.jpg"), Self.key("a.jpg", size: 1001), Self.key("a.jpg", mtime: 5),
      Self.key("a.jpg", inode: 43),
    ]
    var ids: Set<String> = []
    for key in variants {
      let claim = try ledger.claim(key, at: 1)
      guard case .new(let id) = claim else {
        Issue.record("\(key.path): \(claim)")
        continue
      }
      ids.insert(id)
      #expect(try ledger.isKnown(key))
    }
    #expect(ids.count == variants.count)
    #expect(try !ledger.isKnown(Self.key("c.jpg")))
  }

  /// The health check writes: a held write lock (or a full disk) fails it where a read still succeeds.
  @Test func theWriteCheckFailsWhileAnotherConnectionHoldsTheWriteLock() throws {
    let ledger = Ledger(database: try Database(path: path, busyTimeoutMilliseconds: 50), run: 1)
    try ledger.checkWritable()
    let blocker = try Database(path: path)
    try blocker.execute("BEGIN IMMEDIATE")
    #expect(try ledger.counts().pending == 0)
    #expect(throws: StorageError.self) { try ledger.checkWritable() }
    try blocker.execute("ROLLBACK")
    try ledger.checkWritable()
  }

  @Test func claimsLeftByACrashedRunArePendingWithTheirAttempts() throws {
    let id: String
    let waited: String
    do {
      let crashed = Ledger(database: try Database(path: path), run: 1)
      id = try crashed.claim(Self.key("a.jpg"), at: 10).id
      try crashed.begin(id: id)
      waited = try crashed.claim(Self.key("b.jpg"), at: 20).id
      try crashed.record(
        id: try crashed.claim(Self.key("c.jpg"), at: 30).id, outcome: Self.findingOutcome(at: 31), finding: nil)
    }
    let restarted = Ledger(database: try Database(path: path), run: 2)
    #expect(try restarted.pending().map(\.key.path) == ["/var/lib/capture/a.jpg", "/var/lib/capture/b.jpg"])
    #expect(try restarted.claim(Self.key("a.jpg"), at: 40) == .pending(id, attempts: 1))
    #expect(try restarted.claim(Self.key("a.jpg"), at: 41) == .inProgress(id))
    // Only a worker's start counts as an attempt: a capture that only waited is never given up on.
    #expect(try restarted.claim(Self.key("b.jpg"), at: 42) == .pending(waited, attempts: 0))
    try restarted.begin(id: id)
    let run3 = Ledger(database: try Database(path: path), run: 3)
    #expect(try run3.claim(Self.key("a.jpg"), at: 50) == .pending(id, attempts: 2))
    #expect(try run3.lookup(captureID: id)?.claimedAt == 50)
    #expect(try run3.counts() == LedgerCounts(done: 1, findings: 1, pending: 2))
  }

  @Test func theCaptureIDIsDerivedFromTheKey() throws {
    let first = try Ledger(database: try Database(path: path), run: 1).claim(Self.key("a.jpg"), at: 1).id
    let other = Ledger(database: try Database(path: directory.path + "/other.db"), run: 1)
    #expect(try other.claim(Self.key("a.jpg"), at: 2).id == first)
  }

  @Test func aCollidingIDIsSaltedAway() throws {
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 1)
    let id = try ledger.claim(Self.key("a.jpg"), at: 1).id
    // Move the first row to another key, leaving its id taken for the original key.
    try database.execute("UPDATE ledger SET path = 'elsewhere' WHERE id = ?", [.text(id)])
    let claim = try ledger.claim(Self.key("a.jpg"), at: 2)
    #expect(claim.shouldProcess && claim.id != id && claim.id.count == 16)
  }

  @Test func recordingAnUnknownCaptureFails() throws {
    let ledger = Ledger(database: try Database(path: path), run: 1)
    #expect(throws: StorageError.unknownCapture("0123456789abcdef")) {
      try ledger.record(id: "0123456789abcdef", outcome: OutcomeRecord(outcome: .negative, recordedAt: 1), finding: nil)
    }
  }

  @Test func aFindingIsQueuedWithItsOutcome() throws {
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 1)
    let id = try ledger.claim(Self.key("a.jpg"), at: 1).id
    try ledger.record(id: id, outcome: Self.findingOutcome(at: 5), finding: Self.finding())
    let entry = try #require(try Outbox(database: database).lookup(id: id))
    #expect(
      entry.finding == Self.finding() && entry.state == .pending && entry.createdAt == 5 && entry.nextAttemptAt == 5)
  }

  /// D9: the same image analysed again under another capture (renamed, touched, after a restart) makes the same
  /// finding: its outcome is recorded, but the outbox keeps the one entry the receiver has or will get.
  @Test func aFindingWhoseKeyIsQueuedAlreadyIsRecordedButNotQueuedAgain() throws {
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 1)
    let first = try ledger.claim(Self.key("a.jpg"), at: 1).id
    let again = try ledger.claim(Self.key("a-renamed.jpg"), at: 2).id
    let other = try ledger.claim(Self.key("b.jpg"), at: 3).id
    #expect(try ledger.record(id: first, outcome: Self.findingOutcome(at: 5), finding: Self.finding()))
    #expect(try !ledger.record(id: again, outcome: Self.findingOutcome(at: 6), finding: Self.finding()))
    #expect(
      try ledger.record(
        id: other, outcome: Self.findingOutcome(at: 7), finding: Self.finding(String(repeating: "b", count: 32))))
    #expect(try ledger.lookup(captureID: again)?.outcome == Self.findingOutcome(at: 6))
    let entries = try Outbox(database: database).list()
    #expect(entries.map(\.id) == [first, other])
    #expect(
      entries.map(\.finding.idempotencyKey) == ["0123456789abcdef0123456789abcdef", String(repeating: "b", count: 32)])
  }

  @Test func aFailingOutboxInsertRollsBackTheOutcome() throws {
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 1)
    let id = try ledger.claim(Self.key("a.jpg"), at: 1).id
    // An outbox row already holding this id makes the insert inside record() fail.
    try database.execute(
      """
      INSERT INTO outbox (id, created_at, label, score, content_type, body, state, next_attempt_at)
      VALUES (?, 0, 'x', 0, 'text/plain', '', 'delivered', 0)
      """, [.text(id)])
    #expect {
      try ledger.record(id: id, outcome: Self.findingOutcome(at: 5), finding: Self.finding())
    } throws: { error in
      guard case .sqlite(let operation, _, let message) = error as? StorageError else { return false }
      return operation.contains("INSERT INTO outbox") && message.contains("UNIQUE")
    }
    let record = try #require(try ledger.lookup(captureID: id))
    #expect(record.outcome == nil)
    #expect(try ledger.pending().map(\.id) == [id])
    #expect(try Outbox(database: database).lookup(id: id)?.state == .delivered)
  }

  /// Outcomes recorded as a group (the outcome writer's one commit) are each stored as alone, in order; one whose
  /// capture already has an outcome is refused without keeping the others out.
  @Test func aGroupOfOutcomesIsStoredTogetherAndARefusedOneLeavesTheRest() throws {
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 1)
    let ids = try ["a.jpg", "b.jpg", "c.jpg"].map { try ledger.claim(Self.key($0), at: 1).id }
    try ledger.record(id: ids[0], outcome: Self.findingOutcome(at: 5), finding: nil)
    let negative = OutcomeRecord(outcome: .negative, label: "normal", score: 0.9, scores: [0.9, 0.1], recordedAt: 7)
    let results = try ledger.record([
      (ids[0], Self.findingOutcome(at: 6), Self.finding()), (ids[1], Self.findingOutcome(at: 6), Self.finding()),
      (ids[2], negative, nil), ("0123456789abcdef", negative, nil),
    ])
    #expect(
      results == [
        .refused(.alreadyRecorded(ids[0])), .stored(findingQueued: true), .stored(findingQueued: false),
        .refused(.unknownCapture("0123456789abcdef")),
      ])
    // Committed: another connection sees them, and the refused capture keeps its first outcome.
    let reader = Ledger(database: try Database(path: path), run: 2)
    #expect(try reader.lookup(captureID: ids[0])?.outcome == Self.findingOutcome(at: 5))
    #expect(try reader.lookup(captureID: ids[1])?.outcome == Self.findingOutcome(at: 6))
    #expect(try reader.lookup(captureID: ids[2])?.outcome == negative)
    #expect(try Outbox(database: reader.database).list().map(\.id) == [ids[1]])
  }

  /// Claims made together answer as single claims would, in order (a repeat is in progress); only those to
  /// process (new or pending) take room, so recorded files ahead of new ones never use it up.
  @Test func groupedClaimsTakeRoomOnlyForCapturesToProcess() throws {
    let earlier = Ledger(database: try Database(path: path), run: 1)
    let recorded = try earlier.claim(Self.key("recorded.jpg"), at: 1).id
    try earlier.record(id: recorded, outcome: Self.findingOutcome(at: 2), finding: nil)
    let pending = try earlier.claim(Self.key("pending.jpg"), at: 1).id
    let ledger = Ledger(database: try Database(path: path), run: 2)
    let keys = ["recorded.jpg", "pending.jpg", "new.jpg", "new.jpg", "recorded.jpg", "second.jpg", "third.jpg"].map {
      Self.key($0)
    }
    let claims = try ledger.claim(keys, at: 3, room: 3)
    #expect(claims.count == 6, "the room ran out at the third capture to process, after second.jpg")
    #expect(claims[0] == .alreadyRecorded(recorded) && claims[1] == .pending(pending, attempts: 0))
    guard case .new(let new) = claims[2] else { throw ClaimNotNew() }
    #expect(claims[3] == .inProgress(new) && claims[4] == .alreadyRecorded(recorded))
    #expect(claims[5].shouldProcess && claims[5].id != new)
    #expect(try !ledger.isKnown(Self.key("third.jpg")))
  }

  private struct ClaimNotNew: Error {}

  /// A recorded outcome is unreported (its file not moved, its journal entry not sent as far as the ledger
  /// knows) until marked so: what a kill between the two leaves for the next start.
  @Test func recordedOutcomesAreUnreportedUntilMarked() throws {
    let ledger = Ledger(database: try Database(path: path), run: 1)
    let ids = try ["a.jpg", "b.jpg", "c.jpg"].map { try ledger.claim(Self.key($0), at: 1).id }
    try ledger.record(ids.map { (id: $0, outcome: Self.findingOutcome(at: 5), finding: nil) })
    #expect(try ledger.unreported().map(\.id) == ids.sorted())
    try ledger.markReported([ids[0], ids[2]])
    let reader = Ledger(database: try Database(path: path), run: 2)
    #expect(try reader.unreported().map(\.id) == [ids[1]])
    #expect(try reader.unreported().first?.outcome == Self.findingOutcome(at: 5))
  }

  /// Any other failure inside a group stores none of its outcomes: they stay claimed, to be recorded again.
  @Test func aGroupWithAFailingOutcomeStoresNone() throws {
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 1)
    let ids = try ["a.jpg", "b.jpg"].map { try ledger.claim(Self.key($0), at: 1).id }
    // An outbox row already holding b's id makes b's finding fail to insert, after a's outcome was written.
    try database.execute(
      """
      INSERT INTO outbox (id, created_at, label, score, content_type, body, state, next_attempt_at)
      VALUES (?, 0, 'x', 0, 'text/plain', '', 'delivered', 0)
      """, [.text(ids[1])])
    #expect(throws: StorageError.self) {
      try ledger.record([
        (ids[0], Self.findingOutcome(at: 5), nil),
        (ids[1], Self.findingOutcome(at: 5), Self.finding()),
      ])
    }
    #expect(try ledger.pending().map(\.id).sorted() == ids.sorted())
  }

  @Test func outcomesAreListedInRecordingOrderFromATime() throws {
    let ledger = Ledger(database: try Database(path: path), run: 1)
    let outcomes: [(String, OutcomeRecord)] = [
      ("a.jpg", OutcomeRecord(outcome: .negative, label: "normal", score: 0.9, scores: [0.9, 0.1], recordedAt: 30)),
      ("b.jpg", OutcomeRecord(outcome: .rejected, reason: "not a JPEG", recordedAt: 10)),
      (
        "c.jpg", OutcomeRecord(outcome: .uncertain, label: "lesion", score: 0.45, scores: [0.55, 0.45], recordedAt: 20)
      ),
      ("d.jpg", OutcomeRecord(outcome: .failed, reason: "deadline exceeded", recordedAt: 40)),
    ]
    for (name, outcome) in outcomes {
      try ledger.record(id: try ledger.claim(Self.key(name), at: 1).id, outcome: outcome, finding: nil)
    }
    _ = try ledger.claim(Self.key("e.jpg"), at: 1)
    #expect(try ledger.outcomes(since: 0, limit: 10).compactMap(\.outcome?.recordedAt) == [10, 20, 30, 40])
    #expect(
      try ledger.outcomes(since: 20, limit: 2).map(\.key.path) == ["/var/lib/capture/c.jpg", "/var/lib/capture/a.jpg"])
    #expect(
      try ledger.outcomes(since: 0, limit: 10).compactMap(\.outcome)
        == outcomes.map(\.1).sorted { $0.recordedAt < $1.recordedAt })
    #expect(try ledger.counts() == LedgerCounts(done: 4, findings: 0, pending: 1))
  }

  @Test func anUnreadableOutcomeIsReportedNotTrapped() throws {
    let database = try Database(path: path)
    let ledger = Ledger(database: database, run: 1)
    let id = try ledger.claim(Self.key("a.jpg"), at: 1).id
    try ledger.record(id: id, outcome: OutcomeRecord(outcome: .negative, scores: [0.5], recordedAt: 2), finding: nil)
    try database.execute("UPDATE ledger SET scores = '0.5,zebra'")
    #expect(throws: StorageError.unreadable(table: "ledger", column: "scores", value: "0.5,zebra")) {
      try ledger.lookup(captureID: id)
    }
  }
}

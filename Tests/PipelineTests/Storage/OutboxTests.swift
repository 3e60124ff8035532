import Pipeline
import TestSupport
import Testing

@Suite struct OutboxTests {
  let directory = TemporaryDirectory()
  let ledger: Ledger
  let outbox: Outbox

  init() throws {
    let database = try Database(path: directory.path + "/state.db")
    ledger = Ledger(database: database, run: 1)
    outbox = Outbox(database: database)
  }

  /// Records a finding for a new capture `name` (an image of its own) at `time`; returns its id.
  func enqueue(_ name: String, at time: Int64) throws -> String {
    let id = try ledger.claim(LedgerTests.key(name), at: time).id
    try ledger.record(
      id: id, outcome: LedgerTests.findingOutcome(at: time), finding: LedgerTests.finding("key-" + name))
    return id
  }

  @Test func entriesComeDueInOrderAndAreDeliveredOnce() throws {
    let first = try enqueue("a.jpg", at: 10)
    let second = try enqueue("b.jpg", at: 20)
    #expect(try outbox.nextDue(now: 5) == nil)
    #expect(try outbox.nextAttemptTime() == 10)
    #expect(try outbox.nextDue(now: 25)?.id == first)
    try outbox.markDelivered(id: first, at: 30)
    let delivered = try #require(try outbox.lookup(id: first))
    #expect(delivered.state == .delivered && delivered.deliveredAt == 30 && delivered.attempts == 1)
    #expect(try outbox.nextDue(now: 35)?.id == second)
    #expect(try outbox.counts() == OutboxCounts(pending: 1, delivered: 1, failed: 0, expired: 0))
  }

  @Test func aRetryWaitsForItsTimeAndKeepsTheError() throws {
    let id = try enqueue("a.jpg", at: 10)
    try outbox.markRetry(id: id, nextAttemptAt: 100, error: "HTTP 503")
    #expect(try outbox.nextDue(now: 99) == nil)
    #expect(try outbox.nextAttemptTime() == 100)
    let entry = try #require(try outbox.nextDue(now: 100))
    #expect(entry.attempts == 1 && entry.lastError == "HTTP 503" && entry.state == .pending)
  }

  @Test func failedEntriesStayListedUntilRetried() throws {
    let id = try enqueue("a.jpg", at: 10)
    try outbox.markFailed(id: id, reason: "HTTP 400: schema mismatch")
    #expect(try outbox.nextDue(now: 1000) == nil)
    #expect(try outbox.nextAttemptTime() == nil)
    #expect(try outbox.list(states: [.failed]).map(\.lastError) == ["HTTP 400: schema mismatch"])
    #expect(try outbox.retryFailed(now: 500) == 1)
    let entry = try #require(try outbox.nextDue(now: 500))
    #expect(entry.id == id && entry.attempts == 1)
  }

  @Test func markingAnUnknownEntryFails() throws {
    #expect(throws: StorageError.unknownFinding("nope")) { try outbox.markDelivered(id: "nope", at: 1) }
  }

  @Test func boundsExpireOldAndExcessEntriesWithoutDroppingThem() throws {
    let day: Int64 = 86_400_000_000_000
    let old = try enqueue("old.jpg", at: 1 * day)
    try outbox.markRetry(id: old, nextAttemptAt: 2 * day, error: "connection refused")
    let middle = try enqueue("middle.jpg", at: 20 * day)
    let recent = try (0..<3).map { try enqueue("recent-\($0).jpg", at: 30 * day + Int64($0)) }
    let delivered = try enqueue("delivered.jpg", at: 0)
    try outbox.markDelivered(id: delivered, at: 1)

    let report = try outbox.enforceBounds(maxAge: 15 * day, maxEntries: 3, now: 31 * day)
    #expect(report == OutboxBoundsReport(expiredByAge: 1, expiredByCount: 1, expiredTotal: 2))
    #expect(report.needsAttention)
    let expired = try outbox.list(states: [.expired])
    #expect(expired.map(\.id) == [old, middle])
    #expect(
      expired.first?.lastError
        == "expired: undelivered longer than max_outbox_age_days; last error: connection refused")
    #expect(expired.last?.lastError == "expired: more than max_outbox_entries undelivered")
    #expect(try outbox.list(states: [.pending]).map(\.id) == recent)
    #expect(try outbox.lookup(id: delivered)?.state == .delivered)

    // A second pass finds nothing new but still reports the expired backlog.
    #expect(
      try outbox.enforceBounds(maxAge: 15 * day, maxEntries: 3, now: 31 * day)
        == OutboxBoundsReport(expiredByAge: 0, expiredByCount: 0, expiredTotal: 2))
    #expect(try outbox.retryFailed(now: 32 * day) == 2)
    #expect(try outbox.counts() == OutboxCounts(pending: 5, delivered: 1, failed: 0, expired: 0))
  }

  @Test func zeroBoundsDisableExpiry() throws {
    _ = try enqueue("a.jpg", at: 0)
    #expect(
      try outbox.enforceBounds(maxAge: 0, maxEntries: 0, now: .max)
        == OutboxBoundsReport(expiredByAge: 0, expiredByCount: 0, expiredTotal: 0))
  }

  @Test func theForwarderSeesFindingsThroughItsOwnConnection() throws {
    let id = try enqueue("a.jpg", at: 10)
    let forwarder = Outbox(database: try Database(path: ledger.database.path))
    #expect(try forwarder.nextDue(now: 10)?.finding == LedgerTests.finding("key-a.jpg"))
    try forwarder.markDelivered(id: id, at: 11)
    #expect(try outbox.lookup(id: id)?.state == .delivered)
  }
}

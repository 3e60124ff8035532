/// Where an outbox entry stands.
public enum OutboxState: String, Sendable, CaseIterable {
  /// Waiting for its next delivery attempt.
  case pending
  /// The receiver accepted it.
  case delivered
  /// The receiver refused it for good (e.g. HTTP 400); kept for `edgediag outbox` and a manual retry.
  case failed
  /// Undelivered beyond the outbox bounds; kept, no longer retried by itself (see `Outbox.enforceBounds`).
  case expired
}

/// One finding in the outbox.
public struct OutboxEntry: Equatable, Sendable {
  /// The id of the capture whose outcome queued the entry (the finding's own id, the Idempotency-Key, is
  /// `finding.idempotencyKey`).
  public var id: String
  /// When the finding was recorded, nanoseconds since the Unix epoch.
  public var createdAt: Int64
  public var finding: Finding
  public var state: OutboxState
  /// Delivery attempts made so far.
  public var attempts: Int
  /// When the forwarder may try next (pending entries), nanoseconds since the Unix epoch.
  public var nextAttemptAt: Int64
  /// The last delivery error, or why the entry failed or expired.
  public var lastError: String?
  public var deliveredAt: Int64?
}

/// Outbox totals by state.
public struct OutboxCounts: Equatable, Sendable {
  public var pending: Int
  public var delivered: Int
  public var failed: Int
  public var expired: Int

  public init(pending: Int, delivered: Int, failed: Int, expired: Int) {
    self.pending = pending
    self.delivered = delivered
    self.failed = failed
    self.expired = expired
  }
}

/// What `Outbox.enforceBounds` did.
public struct OutboxBoundsReport: Equatable, Sendable {
  /// Entries this call moved to `expired` because they were older than the age bound.
  public var expiredByAge: Int
  /// Entries this call moved to `expired` because more were pending than the count bound allows.
  public var expiredByCount: Int
  /// All expired entries now in the outbox, from this call and earlier ones.
  public var expiredTotal: Int

  public init(expiredByAge: Int, expiredByCount: Int, expiredTotal: Int) {
    self.expiredByAge = expiredByAge
    self.expiredByCount = expiredByCount
    self.expiredTotal = expiredTotal
  }

  /// True if any finding sits undelivered in `expired`: the caller logs an error each time this holds.
  public var needsAttention: Bool { expiredTotal > 0 }
}

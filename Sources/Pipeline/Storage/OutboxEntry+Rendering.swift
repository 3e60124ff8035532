import Formats
import Platform

extension OutboxEntry {
  /// The entry as `outbox --json` prints it (without the payload body).
  public var json: JSON {
    .object([
      ("finding", .string(finding.idempotencyKey)), ("capture", .string(id)), ("state", .string(state.rawValue)),
      ("label", .string(finding.label)),
      ("score", .float(finding.score)), ("attempts", .integer(Int64(attempts))),
      ("created", .string(WallClock.iso8601(nanosecondsSinceEpoch: createdAt))),
      ("next_attempt", state == .pending ? .string(WallClock.iso8601(nanosecondsSinceEpoch: nextAttemptAt)) : .null),
      ("last_error", .optional(lastError)),
    ])
  }

  /// One line for people: state, finding id, capture id, label, attempts, last error.
  public var summary: String {
    "\(state.rawValue)  \(finding.idempotencyKey)  capture \(id)  \(finding.label) \(finding.score)  created \(WallClock.iso8601(nanosecondsSinceEpoch: createdAt, fractionDigits: 0))  attempts \(attempts)"
      + (lastError.map { "  last error: \($0)" } ?? "")
  }
}

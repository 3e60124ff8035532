import Platform
import Systemd

/// Writes what the forwarder does to the journal, and tells the main loop when entries leave the outbox's
/// pending state (for `STATUS=`). Findings are named by their id and their capture's; no URL, token or payload
/// is logged.
final class ForwarderLog: ForwarderDelegate {
  let journal: Journal
  let outboxChanged: EventFD

  init(journal: Journal, outboxChanged: EventFD) {
    self.journal = journal
    self.outboxChanged = outboxChanged
  }

  func forwarder(delivered entry: OutboxEntry, status: Int, attempts: Int) {
    outboxChanged.signal()
    journal.send(
      .forwardDelivered,
      message: "finding \(Self.name(entry)) delivered (HTTP \(status), attempt \(attempts))",
      fields: Self.fields(entry) + [("EDGEDIAG_HTTP_STATUS", String(status)), ("EDGEDIAG_ATTEMPTS", String(attempts))])
  }

  func forwarder(willRetry entry: OutboxEntry, reason: String, isError: Bool, delayMilliseconds: Int64, attempts: Int) {
    journal.send(
      .forwardRetry,
      message: "finding \(Self.name(entry)) not delivered: \(reason); retrying in \(delayMilliseconds / 1000) s",
      fields: Self.fields(entry) + [("EDGEDIAG_REASON", reason), ("EDGEDIAG_ATTEMPTS", String(attempts))],
      priority: isError ? .error : .info)
  }

  func forwarder(failed entry: OutboxEntry, reason: String) {
    outboxChanged.signal()
    journal.send(
      .forwardFailed,
      message:
        "finding \(Self.name(entry)) refused by the receiver: \(reason); kept as failed (edgediag outbox retry)",
      fields: Self.fields(entry) + [("EDGEDIAG_REASON", reason)])
  }

  /// How a message names an entry: its finding id (the Idempotency-Key, which the receiver and `edgediag outbox`
  /// show) and the capture that queued it. Both are opaque ids, logged whatever `[journal] capture_names` says;
  /// the outbox keeps no file name.
  private static func name(_ entry: OutboxEntry) -> String {
    "\(entry.finding.idempotencyKey) (capture \(entry.id))"
  }

  /// The fields that name an entry, as `name` does: `EDGEDIAG_FINDING` and `EDGEDIAG_CAPTURE`, which the
  /// capture's own entries carry too.
  private static func fields(_ entry: OutboxEntry) -> [(String, String)] {
    [("EDGEDIAG_FINDING", entry.finding.idempotencyKey), ("EDGEDIAG_CAPTURE", entry.id)]
  }

  func forwarder(heartbeatStatus status: Int?, reason: String) {
    if let status, (200..<300).contains(status) { return }
    journal.send(
      .heartbeatRejected, message: "heartbeat not accepted: \(reason)", fields: [("EDGEDIAG_REASON", reason)])
  }

  func forwarder(expired report: OutboxBoundsReport) {
    outboxChanged.signal()
    journal.send(
      .outboxFull,
      message: "\(report.expiredTotal) undelivered finding(s) expired (\(report.expiredByAge) by age, "
        + "\(report.expiredByCount) by count); kept in the outbox, see edgediag outbox",
      fields: [("EDGEDIAG_EXPIRED", String(report.expiredTotal))])
  }

  func forwarder(storageFailed error: StorageError) {
    journal.send(.ledgerError, message: "outbox: \(error)", fields: [("EDGEDIAG_ERROR", "\(error)")])
  }
}

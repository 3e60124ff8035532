import Platform
import Systemd

/// Writes what the forwarder does to the journal, and tells the main loop when entries leave the outbox's
/// pending state (for `STATUS=`). Findings are named by id; no URL, token or payload is logged.
final class ForwarderLog: ForwarderDelegate {
  let journal: Journal
  let outboxChanged: EventFD

  init(journal: Journal, outboxChanged: EventFD) {
    self.journal = journal
    self.outboxChanged = outboxChanged
  }

  func forwarder(delivered id: String, status: Int, attempts: Int) {
    outboxChanged.signal()
    journal.send(
      .forwardDelivered, message: "finding \(id) delivered (HTTP \(status), attempt \(attempts))",
      fields: [
        ("EDGEDIAG_FINDING", id), ("EDGEDIAG_HTTP_STATUS", String(status)), ("EDGEDIAG_ATTEMPTS", String(attempts)),
      ])
  }

  func forwarder(willRetry id: String, reason: String, isError: Bool, delayMilliseconds: Int64, attempts: Int) {
    journal.send(
      .forwardRetry, message: "finding \(id) not delivered: \(reason); retrying in \(delayMilliseconds / 1000) s",
      fields: [("EDGEDIAG_FINDING", id), ("EDGEDIAG_REASON", reason), ("EDGEDIAG_ATTEMPTS", String(attempts))],
      priority: isError ? .error : .info)
  }

  func forwarder(failed id: String, reason: String) {
    outboxChanged.signal()
    journal.send(
      .forwardFailed,
      message: "finding \(id) refused by the receiver: \(reason); kept as failed (edgediag outbox retry)",
      fields: [("EDGEDIAG_FINDING", id), ("EDGEDIAG_REASON", reason)])
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

/// Hears what the forwarder does, on the forwarder's thread; the daemon writes it to the journal. Calls must
/// return quickly: the forwarder waits for them.
public protocol ForwarderDelegate: AnyObject {
  /// The receiver accepted `entry`'s finding with HTTP `status` after `attempts` attempts.
  func forwarder(delivered entry: OutboxEntry, status: Int, attempts: Int)
  /// An attempt for `entry`'s finding failed; it is tried again in `delayMilliseconds`. `isError` marks failures
  /// that need a person (certificate or credential problems); the others are expected while a receiver is away.
  func forwarder(willRetry entry: OutboxEntry, reason: String, isError: Bool, delayMilliseconds: Int64, attempts: Int)
  /// The receiver refused `entry`'s finding for good; it stays in the outbox as failed.
  func forwarder(failed entry: OutboxEntry, reason: String)
  /// A heartbeat went out (`status` is the receiver's answer) or could not (`status` nil, `reason` says why).
  func forwarder(heartbeatStatus status: Int?, reason: String)
  /// Undelivered findings passed `max_outbox_age_days` or `max_outbox_entries` and were marked expired: they are
  /// kept but no longer tried until `edgediag outbox retry`. An error worth a person's attention.
  func forwarder(expired report: OutboxBoundsReport)
  /// The outbox could not be read or updated; the forwarder tries again shortly.
  func forwarder(storageFailed error: StorageError)
}

import Synchronization

/// What the workers report to the main loop, without locks: the counts behind `STATUS=`, and whether the
/// ledger can be written, which the watchdog verdict reads.
final class WorkStatus: Sendable {
  let done = Atomic<Int>(0)
  let findings = Atomic<Int>(0)
  /// Cleared when a ledger write fails; the watchdog withholds its ping until the ledger works again.
  let ledgerHealthy = Atomic<Bool>(true)
}

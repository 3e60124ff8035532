import Synchronization

/// What the workers report, without locks: to the main loop the counts behind `STATUS=` and whether the ledger
/// can be written, which the watchdog verdict reads; to whichever forwarder runs, that a finding is waiting.
final class WorkStatus: Sendable {
  let done = Atomic<Int>(0)
  let findings = Atomic<Int>(0)
  /// Cleared when a ledger write fails; the watchdog withholds its ping until the ledger works again.
  let ledgerHealthy = Atomic<Bool>(true)
  /// Captures a worker left claimed to be tried again (they could not be read yet), each with its own back-off:
  /// the main loop rescans the folder when the first is due, and claims none before it is.
  let deferrals = Deferrals()
  /// Set at shutdown: a worker waiting to retry a ledger write stops waiting and leaves the capture claimed.
  let stopping = Atomic<Bool>(false)
  /// Bounds the decodes the workers run at once (`[workers] max_decodes`).
  let decodes = DecodeGate()
  /// Raised after each recorded finding; every forwarder the daemon starts waits on this one.
  let findingQueued = OutboxSignal()
}

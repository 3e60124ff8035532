import Platform

/// "A finding entered the outbox": raised by the workers once they have recorded one, awaited by whichever
/// forwarder runs. It lives as long as the daemon, so a reload that replaces the forwarder loses no wake-up and
/// the main loop relays none.
public final class OutboxSignal: Sendable {
  private struct State {
    var raised = false
    var interrupted = false
  }
  private let state = Locked(State())
  private let condition = Condition()

  public init() {}

  /// A finding is waiting: wakes the forwarder, or makes its next wait return at once.
  public func raise() {
    state.withLock { $0.raised = true }
    condition.signal()
  }

  /// Ends the current (or next) wait without a finding: the forwarder is stopping.
  func interrupt() {
    state.withLock { $0.interrupted = true }
    condition.signal()
  }

  /// Waits until the signal is raised or interrupted, or until `deadline`; a wait that was woken clears both.
  func wait(until deadline: MonotonicInstant) {
    _ = state.withLock(waitingOn: condition, until: { $0.raised || $0.interrupted }, deadline: deadline) {
      $0 = State()
    }
  }
}

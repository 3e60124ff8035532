import Platform

/// The thread that records outcomes: workers hand it their analysed captures and go on to the next one; it
/// commits all that have queued up in one synced transaction (`OutcomeRecorder`), so under load one sync of the
/// log covers the outcomes that arrived during the last one, then reports each and signals `done` for it.
///
/// A capture counts as finished (`done`, which the backlog's suspect isolation waits for) only once its outcome
/// is committed and reported. At most `capacity` captures wait: a worker handing over one more waits for room,
/// so a ledger that cannot be written stalls the workers instead of filling memory.
final class OutcomeWriter: Sendable {
  private struct State {
    var waiting: [AnalysedCapture] = []
    var closed = false
  }

  /// Busy from taking a group until it is recorded and reported, for the watchdog verdict.
  let heartbeat = Heartbeat()
  let capacity: Int
  private let state = Locked(State())
  /// Signalled when captures arrive or the writer is closed.
  private let arrived = Condition()
  /// Signalled when the writer takes the waiting captures.
  private let taken = Condition()
  private let thread: Locked<Thread?> = Locked(nil)

  /// Starts the thread, recording through `recorder`'s ledger (a connection of its own) and signalling `done`
  /// once per capture recorded or given up on.
  init(recorder: OutcomeRecorder, done: EventFD, capacity: Int) throws(DaemonError) {
    precondition(capacity > 0, "an outcome writer needs room for at least one capture")
    self.capacity = capacity
    nonisolated(unsafe) let recorder = recorder
    let started = try DaemonError.system("start the outcome writer") { () throws(Errno) in
      try Thread(name: "outcomes") { [self] in
        while let group = takeGroup() {
          heartbeat.beginJob()
          var clock = StageClock()
          recorder.record(group, clock: &clock)
          heartbeat.endJob()
          done.signal(count: UInt64(group.count))
        }
      }
    }
    thread.withLock { $0 = started }
  }

  /// Hands `capture` over to be recorded; waits while `capacity` captures wait already.
  func submit(_ capture: AnalysedCapture) {
    state.withLock(waitingOn: taken, until: { $0.waiting.count < capacity }) { state in
      state.waiting.append(capture)
    }
    arrived.signal()
  }

  /// Every capture waiting, once at least one does; nil once closed with none left.
  private func takeGroup() -> [AnalysedCapture]? {
    let group =
      state.withLock(waitingOn: arrived, until: { !$0.waiting.isEmpty || $0.closed }) {
        state -> [AnalysedCapture]? in
        guard !state.waiting.isEmpty else { return nil }
        defer { state.waiting = [] }
        return state.waiting
      } ?? nil
    taken.broadcast()
    return group
  }

  /// Records what the workers handed over, then ends the thread. Call it once the workers have stopped.
  func finish() {
    state.withLock { $0.closed = true }
    arrived.signal()
    thread.withLock { $0 }?.join()
  }
}

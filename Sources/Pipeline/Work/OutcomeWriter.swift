import Platform

/// The thread that records outcomes: workers hand it their analysed captures and go on to the next one; it
/// commits all that have queued up in one synced transaction (`OutcomeRecorder`), then reports each and signals
/// `done` for it. Under load (the last group was taken moments ago) it first lets a group gather for up to
/// `gatheringNanoseconds`, so one sync of the log covers several outcomes: each sync costs ~0.3 ms of CPU, and
/// without the wait two busy workers made groups of 1.5. An idle daemon commits a lone capture at once.
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
        var lastTaken: MonotonicInstant?
        while let group = takeGroup(
          gathering: lastTaken.map { $0.advanced(byNanoseconds: Self.loadNanoseconds) > .now } ?? false)
        {
          lastTaken = .now
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

  /// How long a group gathers under load; the latency it adds to an outcome is small beside a capture's.
  static let gatheringNanoseconds: Int64 = 5_000_000
  /// A group taken within this long of the last one means the writer is under load.
  static let loadNanoseconds: Int64 = 50_000_000

  /// Every capture waiting, once at least one does (and, `gathering`, once `gatheringNanoseconds` have passed
  /// since then or `capacity` wait); nil once closed with none left.
  private func takeGroup(gathering: Bool) -> [AnalysedCapture]? {
    _ = state.withLock(waitingOn: arrived, until: { !$0.waiting.isEmpty || $0.closed }) { _ in }
    if gathering {
      let deadline = MonotonicInstant.now.advanced(byNanoseconds: Self.gatheringNanoseconds)
      _ = state.withLock(waitingOn: arrived, until: { $0.waiting.count >= capacity || $0.closed }, deadline: deadline) {
        _ in
      }
    }
    let group = state.withLock { state -> [AnalysedCapture]? in
      guard !state.waiting.isEmpty else { return nil }
      defer { state.waiting = [] }
      return state.waiting
    }
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

import Platform

/// A bounded first-in first-out queue between the main loop (one producer) and the workers (consumers).
/// The producer never blocks: `offer` refuses when full, and the main loop keeps the rest of the backlog in the
/// ledger and the capture folder until there is room (back-pressure without unbounded memory).
public final class WorkQueue<Job: Sendable>: @unchecked Sendable {
  private struct State {
    var jobs: [Job?]
    var enqueuedAt: [Int64]
    var head = 0
    var count = 0
    var closed = false
  }

  public let capacity: Int
  private let state: Locked<State>
  private let changed = Condition()

  public init(capacity: Int) {
    precondition(capacity > 0, "a work queue needs room for at least one job")
    self.capacity = capacity
    state = Locked(
      State(jobs: [Job?](repeating: nil, count: capacity), enqueuedAt: [Int64](repeating: 0, count: capacity)))
  }

  /// Adds `job` unless the queue is full or closed; returns whether it was added.
  public func offer(_ job: Job) -> Bool {
    let added = state.withLock { state -> Bool in
      guard !state.closed, state.count < capacity else { return false }
      state.jobs[(state.head + state.count) % capacity] = job
      state.enqueuedAt[(state.head + state.count) % capacity] = MonotonicInstant.now.nanoseconds
      state.count += 1
      return true
    }
    if added { changed.signal() }
    return added
  }

  /// Waits for the next job; nil once the queue is closed and empty.
  public func take() -> Job? {
    state.withLock(waitingOn: changed, until: { $0.count > 0 || $0.closed }) { state -> Job? in
      guard state.count > 0 else { return nil }
      let job = state.jobs[state.head]
      state.jobs[state.head] = nil
      state.head = (state.head + 1) % capacity
      state.count -= 1
      return job
    } ?? nil
  }

  /// How long the oldest waiting job has waited, or nil when none waits. Jobs that wait long while workers
  /// exist mean the workers are stuck: the watchdog verdict uses this.
  public func oldestWaitNanoseconds(at now: MonotonicInstant = .now) -> Int64? {
    state.withLock { $0.count > 0 ? now.nanoseconds - $0.enqueuedAt[$0.head] : nil }
  }

  /// Jobs waiting to be taken.
  public var count: Int { state.withLock { $0.count } }

  /// Free places.
  public var room: Int { state.withLock { capacity - $0.count } }

  /// Stops accepting jobs and wakes every waiting consumer; jobs already queued are still handed out.
  public func close() {
    state.withLock { $0.closed = true }
    changed.broadcast()
  }

  /// Removes and returns the jobs not yet taken (for a fast shutdown that leaves them to the next run).
  public func drain() -> [Job] {
    state.withLock { state -> [Job] in
      var jobs: [Job] = []
      while state.count > 0 {
        if let job = state.jobs[state.head] { jobs.append(job) }
        state.jobs[state.head] = nil
        state.head = (state.head + 1) % capacity
        state.count -= 1
      }
      return jobs
    }
  }
}

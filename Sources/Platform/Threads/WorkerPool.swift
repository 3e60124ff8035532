import CPlatform
import Synchronization

/// Threads that share the tasks of one `run` at a time with the calling thread: intra-op parallelism for the
/// inference kernels (Pipeline makes it the interpreter's `ParallelExecutor`).
///
/// The threads start once, with the pool. After a run they spin for a short while, since a model runs dozens of
/// operators back to back, and then park on a condition variable until the next run. `run` starts no thread
/// and allocates nothing: tasks are handed out by an atomic counter.
public final class WorkerPool: @unchecked Sendable {
  /// Threads that take tasks, the calling thread included.
  public let width: Int
  private let shared: WorkerPoolState
  private let threads: [Thread]

  /// Starts `width - 1` threads named `name-1`, `name-2`, … (the caller is the first worker).
  /// The corresponding C function is `pthread_create`.
  public init(width: Int, name: String) throws(Errno) {
    precondition(width >= 1, "a worker pool has at least the calling thread")
    self.width = width
    let shared = WorkerPoolState()
    var threads: [Thread] = []
    for worker in 1..<width {
      do {
        threads.append(try Thread(name: "\(name)-\(worker)") { shared.serve(worker: worker) })
      } catch {
        shared.stop()
        for thread in threads { thread.join() }
        throw error
      }
    }
    self.shared = shared
    self.threads = threads
  }

  deinit {
    shared.stop()
    for thread in threads { thread.join() }
  }

  /// Runs `body(task, worker)` once for every task in `0..<tasks`, on the pool's threads and the calling one
  /// (worker 0), and returns when all have run. Not reentrant: one run at a time.
  public func run(_ tasks: Int, _ body: (_ task: Int, _ worker: Int) -> Void) {
    guard tasks > 1, width > 1 else {
      for task in 0..<tasks { body(task, 0) }
      return
    }
    withoutActuallyEscaping(body) { body in shared.run(tasks, body) }
  }
}

/// What the pool's threads share. Kept apart from `WorkerPool` so that the threads do not keep the pool alive.
///
/// A helper joins a run by counting itself in `entered`; once the caller has run out of tasks it closes the
/// run (sets `closedFlag` in `entered`) and waits only for the helpers that joined, so a helper that the
/// scheduler has not run yet, or that is parked, never delays the caller: it finds the run closed and skips
/// it without touching the body.
private final class WorkerPoolState: @unchecked Sendable {
  struct Parking {
    var parked = 0
  }

  /// How long an idle thread polls for the next run before it parks, and the caller for the helpers to finish
  /// before it parks: longer than the gap between two operators, shorter than anything a person notices.
  static let spinNanoseconds: Int64 = 200_000
  static let closedFlag = 1 << 40

  let parking = Locked(Parking())
  let wake = Condition()
  let finished = Condition()
  /// Bumped by each run (and by `stop`); a helper tries to join each generation.
  let generation = Atomic<Int>(0)
  let stopping = Atomic<Bool>(false)
  /// The next task to hand out.
  let next = Atomic<Int>(0)
  /// Helpers that joined the current run, plus `closedFlag` once it is closed.
  let entered = Atomic<Int>(0)
  /// Helpers that joined the current run and are done with it.
  let left = Atomic<Int>(0)
  /// The current run's body and task count: written before its run opens (`entered` reset), read after.
  var body: ((Int, Int) -> Void)?
  var tasks = 0

  func run(_ tasks: Int, _ body: @escaping (Int, Int) -> Void) {
    self.body = body
    self.tasks = tasks
    next.store(0, ordering: .relaxed)
    left.store(0, ordering: .relaxed)
    entered.store(0, ordering: .releasing)
    publish()
    work(worker: 0)
    let joined = entered.bitwiseOr(Self.closedFlag, ordering: .acquiringAndReleasing).oldValue
    if !spin(until: { left.load(ordering: .acquiring) == joined }) {
      parking.withLock(waitingOn: finished, until: { _ in self.left.load(ordering: .acquiring) == joined }) { _ in }
    }
    // The helpers have dropped their copies: `withoutActuallyEscaping` checks that the body did not escape.
    self.body = nil
  }

  func stop() {
    stopping.store(true, ordering: .releasing)
    publish()
  }

  /// Starts a generation, waking parked helpers.
  private func publish() {
    parking.withLock { parking in
      generation.add(1, ordering: .releasing)
      if parking.parked > 0 { wake.broadcast() }
    }
  }

  func serve(worker: Int) {
    var seen = 0
    while true {
      if !spin(until: { generation.load(ordering: .acquiring) != seen }) {
        parking.withLock { $0.parked += 1 }
        parking.withLock(waitingOn: wake, until: { _ in self.generation.load(ordering: .acquiring) != seen }) {
          $0.parked -= 1
        }
      }
      seen = generation.load(ordering: .acquiring)
      if stopping.load(ordering: .acquiring) { return }
      guard entered.add(1, ordering: .acquiringAndReleasing).oldValue & Self.closedFlag == 0 else { continue }
      work(worker: worker)
      left.add(1, ordering: .releasing)
      parking.withLock { _ in finished.signal() }
    }
  }

  /// Takes tasks until none are left. Not inlined: the copy of `body` must be released before the helper
  /// reports that it has left.
  @inline(never)
  private func work(worker: Int) {
    guard let body else { return }
    let tasks = self.tasks
    while true {
      let task = next.add(1, ordering: .relaxed).oldValue
      if task >= tasks { return }
      body(task, worker)
    }
  }

  /// Polls `done` for up to `spinNanoseconds`, yielding the core now and then (on a busy machine the thread
  /// being waited for may need it); false if `done` still does not hold.
  private func spin(until done: () -> Bool) -> Bool {
    let deadline = MonotonicInstant.now.advanced(byNanoseconds: Self.spinNanoseconds)
    repeat {
      for _ in 0..<64 where done() { return true }
      sched_yield()
    } while MonotonicInstant.now < deadline
    return done()
  }
}

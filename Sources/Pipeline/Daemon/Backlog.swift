/// Captures claimed in the ledger but not yet handed to a worker, oldest first. Bounded: when it is full the
/// main loop stops claiming and remembers to rescan the folder once it has drained, so a flood of files costs
/// neither memory nor lost captures (the files stay in the folder, the claims in the ledger).
///
/// Suspects go one at a time. A capture an earlier run had started on without recording it (attempts > 0) may
/// be the one that crashed or hung that run, or merely one that was in flight beside it. Handed out alone, with
/// no other capture in flight, only the real culprit is charged the attempts that make it end `failed`.
struct Backlog {
  private var jobs: [CaptureJob] = []
  private var head = 0
  private var suspects: [CaptureJob] = []
  /// Jobs handed out and not yet reported finished.
  private var inFlight = 0
  /// A suspect is among the jobs in flight: nothing else is handed out until it is finished.
  private var isolating = false
  let capacity: Int
  /// Files arrived while the backlog was full: scan the folder once it has room again.
  var needsRescan = false

  init(capacity: Int) { self.capacity = capacity }

  var count: Int { jobs.count - head + suspects.count }
  var isFull: Bool { count >= capacity }
  /// Below half full: worth scanning again after an overflow.
  var hasRoomForRescan: Bool { count < capacity / 2 }

  mutating func append(_ job: CaptureJob) {
    if job.previousAttempts > 0 { suspects.append(job) } else { jobs.append(job) }
  }

  /// The next job to hand to a worker, or nil if none may go now: suspects first, each alone.
  mutating func popFirst() -> CaptureJob? {
    if isolating || !suspects.isEmpty {
      guard inFlight == 0 else { return nil }
      isolating = !suspects.isEmpty
      if isolating {
        inFlight += 1
        return suspects.removeFirst()
      }
    }
    guard head < jobs.count else { return nil }
    let job = jobs[head]
    head += 1
    if head > 64, head * 2 > jobs.count {
      jobs.removeFirst(head)
      head = 0
    }
    inFlight += 1
    return job
  }

  /// Workers finished `count` of the jobs handed out.
  mutating func finished(_ count: Int) { inFlight = max(0, inFlight - count) }
}

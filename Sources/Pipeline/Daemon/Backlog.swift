/// Captures claimed in the ledger but not yet handed to a worker, oldest first. Bounded: when it is full the
/// main loop stops claiming and remembers to rescan the folder once it has drained, so a flood of files costs
/// neither memory nor lost captures (the files stay in the folder, the claims in the ledger).
struct Backlog {
  private var jobs: [CaptureJob] = []
  private var head = 0
  let capacity: Int
  /// Files arrived while the backlog was full: scan the folder once it has room again.
  var needsRescan = false

  init(capacity: Int) { self.capacity = capacity }

  var count: Int { jobs.count - head }
  var isFull: Bool { count >= capacity }
  /// Below half full: worth scanning again after an overflow.
  var hasRoomForRescan: Bool { count < capacity / 2 }

  mutating func append(_ job: CaptureJob) { jobs.append(job) }

  mutating func popFirst() -> CaptureJob? {
    guard head < jobs.count else { return nil }
    let job = jobs[head]
    head += 1
    if head > 64, head * 2 > jobs.count {
      jobs.removeFirst(head)
      head = 0
    }
    return job
  }
}

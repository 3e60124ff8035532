import Platform
import Synchronization
import Systemd

/// `edgediag run`: the daemon. One main thread runs an epoll loop over inotify (captures), a signalfd (TERM,
/// INT, HUP), timers (watchdog, folder retry, settling files, the periodic rescan) and an eventfd that workers bump when they finish a
/// capture.
/// It claims captures in the ledger, feeds the bounded work queue, keeps `STATUS=` current (at most every
/// `statusIntervalNanoseconds`) and pings the watchdog only while every part is healthy. Workers decode, infer
/// and record; the forwarder delivers.
public final class Daemon {
  private enum Source: UInt64 {
    case inotify = 1
    case signals, watchdogTimer, retryTimer, settleTimer, workDone, statusTimer, outboxChanged, rescanTimer
  }

  let configPath: String
  let journal = Journal.standard
  let notifier = Notifier()
  private var loaded: LoadedConfiguration
  /// The configuration the workers read; replaced on reload.
  private let current: Locked<LoadedConfiguration>
  private let status = WorkStatus()
  private let database: Database
  /// The state database file as opened; a file deleted or replaced since is a standing fault.
  private let databaseFile: FileStatus
  /// The state directory, open and exclusively locked while the daemon runs: one daemon per state.
  private let stateLock: FileDescriptor
  private let ledger: Ledger
  private var watcher: CaptureWatcher
  private let queue: WorkQueue<CaptureJob>
  private var backlog: Backlog
  private var workers: [Worker] = []
  private let writer: OutcomeWriter
  private var forwarder: Forwarder?
  private let outbox: Outbox
  private let epoll: Epoll
  private let signals: SignalFD
  private let watchdogTimer: TimerFD
  private let retryTimer: TimerFD
  private let settleTimer: TimerFD
  /// Fires every `[capture] rescan_seconds` (disarmed at 0): a scan for files inotify does not report.
  private let rescanTimer: TimerFD
  /// When `settleTimer` fires, if it is armed: a scan found files too young to take (or captures not due yet),
  /// and scans again then.
  private var settleRescanDue: MonotonicInstant?
  private let workDone: EventFD
  /// Raised by the forwarder whenever an entry leaves the pending state, so that `STATUS=` shows the outbox
  /// draining even while no capture arrives.
  private let outboxChanged: EventFD
  /// Limits `STATUS=` updates to one per `statusIntervalNanoseconds` (see `statusMayHaveChanged`).
  private let statusTimer: TimerFD
  private var statusTimerArmed = false
  /// Something happened while `statusTimer` was armed: STATUS is updated when it fires.
  private var statusStale = false
  private let watchdogMicroseconds: Int64?
  private var unhealthyReported = false
  private var lastStatus = ""
  /// Faults that stop the daemon doing its job until they clear (a timer it cannot arm, a watch it cannot
  /// register, a ledger it cannot read), in the order they arose: the health verdict reports the first.
  private var standingFaults: [(event: Event, message: String)] = []
  private var notifyFailureReported = false

  /// Loads configuration and model, opens the ledger and arms the watch: everything that must work before
  /// `READY=1`. Errors are logged by the caller.
  public init(configPath: String) throws(DaemonError) {
    self.configPath = configPath
    // Blocked before any thread starts, so every thread inherits the mask and the signals reach the signalfd.
    signals = try DaemonError.system("block signals") { () throws(Errno) in
      try SignalFD(signals: [.terminate, .interrupt, .hangUp], nonBlocking: true)
    }
    journal.send(
      .started, message: "edgediag \(edgediagVersion) starting", fields: [("EDGEDIAG_VERSION", edgediagVersion)])
    let notifier = Notifier()  // `self.notifier` cannot be captured before every member is set
    Self.notify(journal) { () throws(Errno) in try notifier.status("loading configuration and model") }
    // Parsing and packing a large model can take a while on a small board; ask for the time up front.
    Self.notify(journal) { () throws(Errno) in try notifier.extendTimeout(microseconds: 120_000_000) }
    let loaded = try LoadedConfiguration.load(configPath: configPath)
    self.loaded = loaded
    current = Locked(loaded)
    let configuration = loaded.configuration

    let databasePath = loaded.databasePath
    let run = WallClock.now
    stateLock = try Self.lockStateDirectory(configuration.state.directory)
    let database = try DaemonError.storage { () throws(StorageError) in try Database(path: databasePath) }
    self.database = database
    databaseFile = try DaemonError.system("read the state database's status") { () throws(Errno) in
      try fileStatus(atPath: databasePath)
    }
    let ledger = Ledger(database: database, run: run)
    self.ledger = ledger
    let counts = try DaemonError.storage { () throws(StorageError) in try ledger.counts() }
    status.done.store(counts.done, ordering: .relaxed)
    status.findings.store(counts.findings, ordering: .relaxed)
    outbox = Outbox(database: database)
    queue = WorkQueue(capacity: configuration.workers.queue)
    backlog = Backlog(capacity: max(4096, configuration.workers.queue * 4))
    let watcher = try Self.makeWatcher(configuration)
    self.watcher = watcher
    let signals = signals
    let (epoll, watchdogTimer, retryTimer, settleTimer, workDone) = try DaemonError.system("set up the event loop") {
      () throws(Errno) in
      (
        try Epoll(), try TimerFD(nonBlocking: true), try TimerFD(nonBlocking: true), try TimerFD(nonBlocking: true),
        try EventFD()
      )
    }
    (self.epoll, self.watchdogTimer, self.retryTimer, self.settleTimer, self.workDone) =
      (epoll, watchdogTimer, retryTimer, settleTimer, workDone)
    let (statusTimer, outboxChanged, rescanTimer) = try DaemonError.system("set up the event loop") {
      () throws(Errno) in
      (try TimerFD(nonBlocking: true), try EventFD(), try TimerFD(nonBlocking: true))
    }
    (self.statusTimer, self.outboxChanged, self.rescanTimer) = (statusTimer, outboxChanged, rescanTimer)
    let watchdog = try DaemonError.system("read the watchdog interval") { () throws(Errno) in try watchdogInterval() }
    watchdogMicroseconds = watchdog
    try DaemonError.system("set up the event loop") { () throws(Errno) in
      try epoll.add(signals.descriptor.rawValue, events: .readable, data: Source.signals.rawValue)
      try epoll.add(watcher.inotify.descriptor.rawValue, events: .readable, data: Source.inotify.rawValue)
      try epoll.add(watchdogTimer.descriptor.rawValue, events: .readable, data: Source.watchdogTimer.rawValue)
      try epoll.add(retryTimer.descriptor.rawValue, events: .readable, data: Source.retryTimer.rawValue)
      try epoll.add(settleTimer.descriptor.rawValue, events: .readable, data: Source.settleTimer.rawValue)
      try epoll.add(workDone.descriptor.rawValue, events: .readable, data: Source.workDone.rawValue)
      try epoll.add(statusTimer.descriptor.rawValue, events: .readable, data: Source.statusTimer.rawValue)
      try epoll.add(outboxChanged.descriptor.rawValue, events: .readable, data: Source.outboxChanged.rawValue)
      try epoll.add(rescanTimer.descriptor.rawValue, events: .readable, data: Source.rescanTimer.rawValue)
      if let interval = watchdog {
        // Half the interval, in nanoseconds: interval µs × 1000 / 2.
        try watchdogTimer.arm(afterNanoseconds: interval * 500, intervalNanoseconds: interval * 500)
      }
    }
    forwarder = try Self.startForwarder(
      loaded, signal: status.findingQueued, changed: outboxChanged, journal: journal)
    let writerLedger = try DaemonError.storage { () throws(StorageError) in
      Ledger(database: try Database(path: databasePath, migrating: false), run: run)
    }
    let writer = try OutcomeWriter(
      recorder: OutcomeRecorder(ledger: writerLedger, status: status, journal: journal), done: workDone,
      capacity: Self.outcomesWaitingAtMost)
    self.writer = writer
    let count = configuration.workers.count == 0 ? processorCount : configuration.workers.count
    for index in 0..<count {
      workers.append(
        try Worker(
          index: index, queue: queue, configuration: current, status: status, databasePath: databasePath, run: run,
          writer: writer, done: workDone, journal: journal))
    }
  }

  /// How many analysed captures may wait for the outcome writer before a worker waits for room: far more than
  /// arrive during one synced commit, few enough that their findings' bodies cost little memory.
  static let outcomesWaitingAtMost = 64

  /// Runs until SIGTERM or SIGINT; returns the process exit code.
  public func run() -> Int32 {
    reportUnreported()
    armWatch()
    armPeriodicRescan()
    requeueUnfinished()
    // Logged first, so the entry is in the journal by the time `systemctl start` returns.
    journal.send(.ready, message: "edgediag ready: \(watchState)", fields: loaded.model.identity.journalFields)
    notify { () throws(Errno) in try notifier.ready() }
    var statusWanted = true
    while true {
      // Before waiting, not only after events: the start-up scan and the unfinished captures fill the backlog
      // with no event to follow.
      dispatch()
      if statusWanted { statusMayHaveChanged() }
      statusWanted = false
      let ready: Epoll.ReadyEvents
      do { ready = try epoll.wait() } catch {
        journal.send(
          .eventLoopFailed, message: "event loop failed: \(error)", fields: [("EDGEDIAG_ERROR", "\(error)")],
          priority: .critical)
        return 1
      }
      for event in ready {
        let source = Source(rawValue: event.data)
        // Any event but the status timer's own may change what STATUS says.
        if source != .statusTimer { statusWanted = true }
        switch source {
        case .inotify: handleWatchChanges()
        case .signals:
          do {
            while let info = try signals.read() {
              if info.signal == .hangUp {
                reload()
              } else {
                return shutDown()
              }
            }
          } catch {
            fault(.signalReadFailed, "reading signals failed: \(error)", error: error.description, standing: false)
          }
        case .watchdogTimer:
          drain(watchdogTimer, "watchdog")
          pingWatchdogIfHealthy()
        case .retryTimer:
          drain(retryTimer, "folder retry")
          armWatch()
        case .settleTimer:
          drain(settleTimer, "settle")
          settleRescanDue = nil
          scan(nil)
        case .workDone:
          // Workers finished captures: the queue has room (dispatch runs before the next wait).
          backlog.finished(Int(workDone.drain()))
          if let due = status.deferrals.takeWantedRescan() {
            rescan(afterNanoseconds: max(10_000_000, due.nanoseconds(since: .now)))
          }
        case .rescanTimer:
          drain(rescanTimer, "rescan")
          // While the folder is missing, the folder retry scans once it is back.
          if watcher.isArmed { scan(nil) }
        case .outboxChanged: _ = outboxChanged.drain()
        case .statusTimer:
          drain(statusTimer, "status")
          statusTimerArmed = false
          if statusStale { statusMayHaveChanged() }
        case .none: break
        }
      }
    }
  }

  // MARK: Captures

  private var watchDescription: String { "watching \(watcher.root)" }
  /// What the watch does now: never "watching" while the folder is not watched.
  private var watchState: String { watcher.isArmed ? watchDescription : "waiting for \(watcher.root)" }

  private static func makeWatcher(_ configuration: Configuration) throws(DaemonError) -> CaptureWatcher {
    let filter = NameFilter(ignorePatterns: configuration.capture.ignore, extensions: configuration.capture.extensions)
    return try DaemonError.system("create the inotify watch") { () throws(Errno) in
      try CaptureWatcher(
        root: configuration.capture.directory, recursive: configuration.capture.recursive, filter: filter)
    }
  }

  /// Watches the capture folder and scans it; while it is missing (or not a folder), logs once per distinct
  /// error and retries every 5 seconds.
  private func armWatch() {
    do {
      try watcher.arm()
      reportSkippedFolders()
      if retryArmed {
        journal.send(.watchFolderBack, message: "capture folder is back; \(watchDescription)")
        retryArmed = false
      }
      watchError = nil
      scan(nil)
    } catch {
      if watchError != error {
        journal.send(
          .watchFolderMissing, message: "cannot watch the capture folder \(watcher.root): \(error); retrying every 5 s",
          fields: [("EDGEDIAG_ERRNO", String(error.rawValue))])
      }
      watchError = error
      retryArmed = true
      do {
        try retryTimer.arm(afterNanoseconds: 5_000_000_000)
        cleared(.retryTimerFailed)
      } catch {
        // Without the retry the daemon would never hear of the folder again: unhealthy until a retry is armed.
        fault(.retryTimerFailed, "cannot arm the folder retry timer: \(error)", error: error.description)
      }
    }
  }
  /// Why the last attempt to watch the capture folder failed; nil once it is watched.
  private var watchError: Errno?
  /// Subfolders already reported as skipped, with the error (each pair is reported once).
  private var reportedSkips: Set<SkippedFolder> = []
  private struct SkippedFolder: Hashable {
    let folder: FilePath
    let error: Int32
  }

  /// Logs each subfolder the watcher had to leave out, once per folder and error, named as captures are.
  private func reportSkippedFolders() {
    for (folder, error) in watcher.takeSkippedFolders() {
      guard reportedSkips.insert(SkippedFolder(folder: folder, error: error.rawValue)).inserted else { continue }
      CaptureLog(naming: loaded.configuration.journal.captureNames, journal: journal).subfolderSkipped(folder, error)
    }
  }
  private var retryArmed = false

  private func handleWatchChanges() {
    let changes: [CaptureWatcher.Change]
    do { changes = try watcher.readChanges() } catch {
      fault(.watchReadFailed, "reading inotify events failed: \(error)", error: error.description, standing: false)
      return
    }
    reportSkippedFolders()
    // The files of one read are claimed together, in order with the read's other changes.
    var files: [CaptureKey] = []
    for change in changes {
      if case .file(let path) = change {
        if let key = captureKey(path) { files.append(key) }
        continue
      }
      claim(files)
      files = []
      switch change {
      case .file: break
      case .folderAdded(let path): scan(path)
      case .overflow:
        journal.send(.queueOverflowRescan, message: "inotify queue overflowed; rescanning the capture folder")
        scan(nil)
      case .folderGone: armWatch()
      }
    }
    claim(files)
  }

  /// Claims every capture in `folder` (the whole capture folder when nil) that the ledger does not know yet.
  ///
  /// A scan cannot tell a complete file from one still being written (at start, the camera may be halfway
  /// through one), so it leaves files changed within the settle time and scans again once it has passed. A file
  /// whose writer closes it meanwhile arrives through inotify as usual.
  private func scan(_ folder: FilePath?) {
    guard !backlog.isFull else {
      backlog.needsRescan = true
      return
    }
    // Deferred captures by their claims, whose files may be gone or replaced since: those whose wait is over are
    // taken, the others ask for a rescan when it is.
    let deferred = folder == nil ? Set(status.deferrals.claims) : []
    if !deferred.isEmpty { claim(Array(deferred)) }
    let settle = Int64(loaded.configuration.capture.settleMilliseconds) * 1_000_000
    var youngest: Int64?
    let now = WallClock.now
    var settled: [CaptureKey] = []
    do {
      for path in try watcher.scan(folder) {
        guard let key = captureKey(path) else { continue }
        let age = now - key.modifiedNanoseconds
        if -settle < age && age < settle {
          youngest = min(youngest ?? age, age)
          continue
        }
        settled.append(key)
      }
      // The listing meets deferred captures' files again: already claimed above.
      claim(deferred.isEmpty ? settled : settled.filter { !deferred.contains($0) })
      reportSkippedFolders()
    } catch {
      reportSkippedFolders()
      fault(.scanFailed, "scanning the capture folder failed: \(error)", error: error.description, standing: false)
    }
    if let youngest {
      // When the youngest file has settled (at least 10 ms on; a file dated in the future: a whole settle time).
      rescan(afterNanoseconds: max(10_000_000, youngest < 0 ? settle : settle - youngest))
    }
  }

  /// Scans the capture folder again after `wait` (unless a rescan is due by then): for files that were too
  /// young, claims that failed, and captures that could not be read yet.
  private func rescan(afterNanoseconds wait: Int64) {
    let due = MonotonicInstant.now.advanced(byNanoseconds: wait)
    if let armed = settleRescanDue, armed <= due { return }
    do {
      try settleTimer.arm(afterNanoseconds: wait)
      settleRescanDue = due
      cleared(.settleTimerFailed)
    } catch {
      // The files would wait for the next event or scan: unhealthy until a settle timer is armed.
      fault(.settleTimerFailed, "cannot arm the settle timer: \(error)", error: error.description)
    }
  }

  /// Arms the periodic scan of `[capture] rescan_seconds`, or disarms it at 0. inotify does not see files that
  /// other hosts write to a network share; a scan lists them all.
  private func armPeriodicRescan() {
    let interval = Int64(loaded.configuration.capture.rescanSeconds) * 1_000_000_000
    do {
      if interval == 0 {
        try rescanTimer.disarm()
      } else {
        try rescanTimer.arm(afterNanoseconds: interval, intervalNanoseconds: interval)
      }
      cleared(.rescanTimerFailed)
    } catch {
      // Files on a share would never be taken: unhealthy until a reload arms the timer.
      fault(.rescanTimerFailed, "cannot arm the capture folder rescan timer: \(error)", error: error.description)
    }
  }

  /// How long a claim the ledger could not write waits before the rescan that tries it again.
  private static let retryNanoseconds: Int64 = 5_000_000_000

  /// The ledger key of the regular file at `path` from its status; nil if it is gone again or not a file.
  ///
  /// A symbolic link is never a capture, however it arrived (made in place, renamed in, there at start): its
  /// target may be any file the daemon can read, inside the capture folder or not. The worker opens the capture
  /// with `O_NOFOLLOW` for the same reason.
  private func captureKey(_ path: FilePath) -> CaptureKey? {
    // Ignoring the error is right here: a name from inotify or a scan that is gone again (or was never a file
    // one may stat) is no capture, and nothing of it can be recorded.
    guard let status = try? fileStatus(atPath: path, followingSymlinks: false), status.isRegular else { return nil }
    return CaptureKey(path: path, status: status)
  }

  /// Records the complete file at `path` in the ledger and queues it, unless it is already known or gone again.
  private func claim(_ path: FilePath) {
    guard let key = captureKey(path) else { return }
    claim([key])
  }

  /// Claims complete files in order, up to `claimsPerTransaction` in one transaction, and queues those not
  /// known yet, while the backlog has room; the rest wait for the rescan once it has drained. Only claims to
  /// process take room (see `Ledger.claim(_:at:room:)`), so a scan gets past any number of recorded files.
  private func claim(_ keys: [CaptureKey]) {
    // A capture that could not be read yet waits out its back-off; a rescan then claims it again.
    let (due, nextWait) = status.deferrals.due(keys, at: .now)
    if let nextWait { rescan(afterNanoseconds: nextWait) }
    var next = 0
    while next < due.count {
      let room = backlog.capacity - backlog.count
      guard room > 0 else {
        backlog.needsRescan = true
        return
      }
      let group = Array(due[next..<min(due.count, next + Self.claimsPerTransaction)])
      var clock = StageClock()
      defer { clock?.lap(.claim) }
      let claims: [Claim]
      do { claims = try ledger.claim(group, at: WallClock.now, room: room) } catch {
        // The files stay in the folder; a rescan claims them once the ledger can be written again.
        ledgerFault(error, doing: "claim a capture")
        rescan(afterNanoseconds: Self.retryNanoseconds)
        return
      }
      for (key, claim) in zip(group, claims) {
        switch claim {
        case .new(let id): backlog.append(CaptureJob(id: id, key: key))
        case .pending(let id, let attempts): backlog.append(CaptureJob(id: id, key: key, previousAttempts: attempts))
        case .inProgress, .alreadyRecorded: break
        }
      }
      next += claims.count
    }
  }

  /// How many files one claim transaction takes at most: enough that a burst costs one commit per hundreds of
  /// files, few enough that the write lock is not held from the outcome writer for long (a scan of a folder full
  /// of recorded files looks each one up).
  static let claimsPerTransaction = 256

  /// Outcomes an earlier run committed but was killed before reporting (moving the file, the journal entry):
  /// reported now, before the scan, which passes over recorded captures.
  private func reportUnreported() {
    do {
      try OutcomeRecorder(ledger: ledger, status: status, journal: journal).reportUnreported(loaded)
    } catch {
      ledgerFault(error, doing: "report the outcomes recorded before the restart")
    }
  }

  /// Captures an earlier run claimed but never recorded (it crashed, was killed or lost power): process them
  /// first, under the same ids. A claim whose file has gone or changed since gets its outcome now (`StaleClaim`);
  /// a new file at its path is a capture of its own.
  private func requeueUnfinished() {
    let records: [CaptureRecord]
    do { records = try ledger.pending() } catch {
      ledgerFault(error, doing: "list unfinished captures")
      return
    }
    for record in records {
      let stale: StaleClaim?
      do {
        stale = StaleClaim(record.key, now: try fileStatus(atPath: record.key.path))
      } catch {
        // Any other error (a folder the daemon may not search) says nothing of the file: it stays claimed.
        guard let gone = StaleClaim(openError: error) else { continue }
        stale = gone
      }
      if let stale { recordStale(record, stale) }
      claim(record.key.path)
    }
  }

  /// Records the outcome of a claim whose file is gone or changed.
  private func recordStale(_ record: CaptureRecord, _ stale: StaleClaim) {
    let job = CaptureJob(id: record.id, key: record.key, previousAttempts: record.attempts)
    let outcome = OutcomeRecord(
      outcome: .rejected, reason: stale.reason, model: loaded.model.identity, recordedAt: WallClock.now)
    do {
      try ledger.record(id: record.id, outcome: outcome, finding: nil)
    } catch {
      ledgerFault(error, doing: "record a capture whose file changed")
      return
    }
    status.done.add(1, ordering: .relaxed)
    CaptureLog(naming: loaded.configuration.journal.captureNames, journal: journal)
      .outcome(job: job, record: outcome)
    do { try ledger.markReported([record.id]) } catch {
      ledgerFault(error, doing: "note that a capture whose file changed was reported")
    }
  }

  /// Moves backlog into the work queue while it has room; rescans once a flood has drained.
  private func dispatch() {
    while queue.room > 0, let job = backlog.popFirst() {
      _ = queue.offer(job)
    }
    if backlog.needsRescan, backlog.hasRoomForRescan {
      backlog.needsRescan = false
      scan(nil)
      while queue.room > 0, let job = backlog.popFirst() { _ = queue.offer(job) }
    }
  }

  private func ledgerFault(_ error: StorageError, doing what: String) {
    fault(.ledgerError, "ledger: cannot \(what): \(error)", error: error.description, standing: false)
    status.ledgerHealthy.store(false, ordering: .relaxed)
  }

  // MARK: Faults

  /// The one path for an event-loop handler's fault: logs it under its own event and, when `standing` (the
  /// daemon cannot do its job until it clears), keeps the health verdict failing, so the watchdog pings stop and
  /// systemd restarts the daemon. A standing fault is logged once, until `cleared`.
  private func fault(_ event: Event, _ message: String, error: String, standing: Bool = true) {
    if standing {
      guard !standingFaults.contains(where: { $0.event == event }) else { return }
      standingFaults.append((event, message))
    }
    journal.send(event, message: message, fields: [("EDGEDIAG_ERROR", error)])
  }

  private func cleared(_ event: Event) { standingFaults.removeAll { $0.event == event } }

  /// Reads a timer's expirations so epoll stops reporting it.
  private func drain(_ timer: TimerFD, _ name: String) {
    do { _ = try timer.readExpirations() } catch {
      fault(.timerReadFailed, "cannot read the \(name) timer: \(error)", error: error.description, standing: false)
    }
  }

  /// Sends a notification to the service manager. A failure is logged once: the manager's socket is gone, so
  /// the watchdog pings fail with it and systemd acts on that.
  private func notify(_ send: () throws(Errno) -> Bool) {
    Self.notify(journal, reported: &notifyFailureReported, send)
  }

  private static func notify(_ journal: Journal, reported: inout Bool, _ send: () throws(Errno) -> Bool) {
    do { _ = try send() } catch {
      if !reported {
        journal.send(
          .notifyFailed, message: "cannot notify the service manager: \(error)",
          fields: [("EDGEDIAG_ERROR", error.description)])
      }
      reported = true
    }
  }

  /// `notify` before `self` exists (start-up): every failure is logged.
  private static func notify(_ journal: Journal, _ send: () throws(Errno) -> Bool) {
    var reported = false
    notify(journal, reported: &reported, send)
  }

  // MARK: Health and status

  private func pingWatchdogIfHealthy() {
    let verdict = healthVerdict()
    if let problem = verdict {
      if !unhealthyReported {
        journal.send(
          .watchdogUnhealthy, message: "not healthy, withholding the watchdog ping: \(problem)",
          fields: [("EDGEDIAG_REASON", problem)])
        unhealthyReported = true
      }
      return
    }
    unhealthyReported = false
    notify { () throws(Errno) in try notifier.watchdog() }
  }

  /// nil when healthy, else what is wrong: a worker stuck on one capture past the inference deadline, the
  /// outcome writer stuck as long on one commit, captures waiting twice that long without any worker taking them
  /// (workers hung or dead), or a ledger that cannot be written.
  func healthVerdict() -> String? {
    if let fault = standingFaults.first { return fault.message }
    let deadline = Int64(loaded.configuration.model.deadlineMilliseconds) * 1_000_000
    let now = MonotonicInstant.now
    for worker in workers {
      if let busy = worker.heartbeat.busyNanoseconds(at: now), busy > deadline {
        return "worker \(worker.index) has been on one capture for \(busy / 1_000_000) ms"
      }
    }
    if let busy = writer.heartbeat.busyNanoseconds(at: now), busy > deadline {
      return "recording outcomes has taken \(busy / 1_000_000) ms"
    }
    if let waiting = queue.oldestWaitNanoseconds(at: now), waiting > 2 * deadline {
      return "captures have waited \(waiting / 1_000_000) ms without a worker taking them"
    }
    if !status.ledgerHealthy.load(ordering: .relaxed) {
      // Judged by a write: a full disk or a held write lock still lets reads through.
      do { try ledger.checkWritable() } catch { return "the ledger cannot be written: \(error)" }
      status.ledgerHealthy.store(true, ordering: .relaxed)
    }
    return nil
  }

  /// The state database must still be the file the daemon opened: once it is deleted or replaced, everything
  /// recorded goes to a file that no other process (`edgediag outcomes`, the next start) sees.
  private func checkDatabaseFile() {
    let problem: String
    do {
      let now = try fileStatus(atPath: database.path)
      if now.inode == databaseFile.inode && now.device == databaseFile.device {
        cleared(.ledgerDeleted)
        return
      }
      problem = "another file has replaced it"
    } catch {
      problem = error.description
    }
    fault(
      .ledgerDeleted,
      "the state database \(database.path) is not the file opened at start (\(problem)); restart edgediag",
      error: problem)
  }

  /// Opens and locks the state directory, so that a second daemon on the same state refuses to start instead of
  /// processing the first one's live claims as leftovers of a crash. The kernel drops the lock when the process
  /// dies.
  private static func lockStateDirectory(_ path: String) throws(DaemonError) -> FileDescriptor {
    let directory = try DaemonError.system("open the state directory \(path)") { () throws(Errno) in
      try FileDescriptor.open(atPath: path, .readOnly, options: .directory)
    }
    let locked = try DaemonError.system("lock the state directory \(path)") { () throws(Errno) in
      try directory.tryLockExclusive()
    }
    guard locked else { throw .stateInUse(path) }
    return directory
  }

  /// How often `STATUS=` is updated at most. Counting the outbox and sending the status after every capture cost
  /// about as much as hashing it; a person reading `systemctl status` needs no more than a few updates a second.
  public static let statusIntervalNanoseconds: Int64 = 250_000_000

  /// Updates `STATUS=` now if it has not been sent within `statusIntervalNanoseconds`, else once that interval
  /// is over: the first change after a quiet spell shows at once, a burst of them every interval, and the last
  /// one of a burst is never left out. Only a status that changed arms the timer, so an idle daemon (whose
  /// watchdog ticks recompute an unchanged status) arms none.
  private func statusMayHaveChanged() {
    if statusTimerArmed {
      statusStale = true
      return
    }
    statusStale = false
    guard updateStatus() else { return }
    do {
      try statusTimer.arm(afterNanoseconds: Self.statusIntervalNanoseconds)
      statusTimerArmed = true
      cleared(.statusTimerFailed)
    } catch {
      // STATUS stays right, updated after every event as without a limit; only the cost is higher.
      fault(.statusTimerFailed, "cannot arm the status timer: \(error)", error: error.description, standing: false)
    }
  }

  /// Sends `STATUS=` if it differs from the last one sent; returns whether it did.
  private func updateStatus() -> Bool {
    checkDatabaseFile()
    let counts = status
    // A broken ledger shows as "outbox ?", never as an empty outbox.
    var outbox = "?"
    do {
      outbox = String(try self.outbox.pendingCount())
      cleared(.ledgerError)
    } catch {
      fault(.ledgerError, "ledger: cannot count the outbox: \(error)", error: error.description)
    }
    let text =
      "\(watchState) · \(counts.done.load(ordering: .relaxed)) done · "
      + "\(counts.findings.load(ordering: .relaxed)) findings · queue \(queue.count + backlog.count) · outbox \(outbox)"
    guard text != lastStatus else { return false }
    lastStatus = text
    notify { () throws(Errno) in try notifier.status(text) }
    return true
  }

  /// Starts delivering findings on a thread and database connection of its own; nil when `[forward] url` is
  /// unset (findings then stay in the outbox).
  private static func startForwarder(
    _ loaded: LoadedConfiguration, signal: OutboxSignal, changed: EventFD, journal: Journal
  ) throws(DaemonError) -> Forwarder? {
    let forwarder = try makeForwarder(loaded, signal: signal, changed: changed, journal: journal)
    try DaemonError.system("start the forwarder") { () throws(Errno) in try forwarder?.start() }
    return forwarder
  }

  /// The forwarder for `loaded`, not started yet; nil when `[forward] url` is unset.
  private static func makeForwarder(
    _ loaded: LoadedConfiguration, signal: OutboxSignal, changed: EventFD, journal: Journal
  ) throws(DaemonError) -> Forwarder? {
    guard loaded.configuration.forward.url != nil else { return nil }
    let outbox = try DaemonError.storage { () throws(StorageError) in
      Outbox(database: try Database(path: loaded.databasePath, migrating: false))
    }
    do {
      return try Forwarder(
        outbox: outbox, configuration: loaded.configuration.forward, deviceID: loaded.deviceID,
        delegate: ForwarderLog(journal: journal, outboxChanged: changed), signal: signal)
    } catch { throw .forward(error) }
  }

  // MARK: Reload and shutdown

  /// SIGHUP: re-reads configuration and model card and applies all of it, or none. Everything new (the watch of
  /// a new capture folder, a forwarder for new `[forward]` settings) is built and started first, while the
  /// running ones go on; only once all of it succeeded are they swapped in and the old ones stopped. A failure
  /// leaves the running configuration, watch and forwarder untouched. Settings only a start can apply (the
  /// database's folder, the worker threads) keep their running values, and the journal says so.
  private func reload() {
    notify { () throws(Errno) in try notifier.reloading() }
    do throws(DaemonError) {
      let read = try LoadedConfiguration.load(configPath: configPath, generation: loaded.generation + 1)
      let restartNeeded = loaded.configuration.settingsNeedingRestart(toApply: read.configuration)
      let next = LoadedConfiguration(
        configuration: read.configuration.keepingStartSettings(of: loaded.configuration), model: read.model,
        generation: read.generation, deviceID: read.deviceID)
      var nextWatcher: CaptureWatcher?
      if next.configuration.capture != loaded.configuration.capture {
        let made = try Self.makeWatcher(next.configuration)
        nextWatcher = made
        // A missing folder is waited for, as at start; one that cannot be watched for any other reason keeps
        // the running watch.
        do { try made.arm() } catch  where error == .noSuchFileOrDirectory {} catch {
          throw DaemonError.system("watch the capture folder \(made.root)", error)
        }
      }
      // A forwarder that could not be started again after an earlier reload is tried again by any reload.
      let forwardChanged =
        next.configuration.forward != loaded.configuration.forward
        || standingFaults.contains { $0.event == .forwarderStopped }
      var nextForwarder: Forwarder?
      if forwardChanged {
        // On the running database: a new `[state]` folder is among the settings that need a restart.
        nextForwarder = try Self.makeForwarder(
          next, signal: status.findingQueued, changed: outboxChanged, journal: journal)
      }
      if let nextWatcher {
        try DaemonError.system("watch the new capture folder") { () throws(Errno) in
          try epoll.add(nextWatcher.inotify.descriptor.rawValue, events: .readable, data: Source.inotify.rawValue)
        }
      }
      if forwardChanged {
        // Two forwarders never run at once (they would share the outbox and its signal): the running one stops,
        // then the new one starts; if it cannot, a fresh one of the running configuration takes over again.
        forwarder?.stop()
        forwarder = nil
        do { try nextForwarder?.start() } catch {
          // Ignoring a failure is right here: the new watch was added above and is released with `nextWatcher`,
          // whose closed descriptor leaves the epoll set by itself; the running watch is untouched.
          if let nextWatcher { try? epoll.remove(nextWatcher.inotify.descriptor.rawValue) }
          nextForwarder = nil
          restartRunningForwarder()
          throw DaemonError.system("start the forwarder", error)
        }
        forwarder = nextForwarder
        cleared(.forwarderStopped)
      }
      // Everything new works: the rest of the swap cannot fail.
      if let nextWatcher {
        do { try epoll.remove(watcher.inotify.descriptor.rawValue) } catch {
          // Harmless once the old watcher is released (closing its descriptor leaves the epoll set), but say so.
          fault(.watchRegisterFailed, "cannot stop the old watch: \(error)", error: error.description, standing: false)
        }
        watcher = nextWatcher
        (retryArmed, watchError) = (false, nil)
        armWatch()
      }
      let rescanChanged = next.configuration.capture.rescanSeconds != loaded.configuration.capture.rescanSeconds
      loaded = next
      current.withLock { $0 = next }
      if rescanChanged { armPeriodicRescan() }
      journal.send(.configReloaded, message: "configuration reloaded", fields: next.model.identity.journalFields)
      if !restartNeeded.isEmpty {
        let names = restartNeeded.joined(separator: ", ")
        journal.send(
          .configRestartNeeded,
          message: "reloaded, but \(names) only change on a restart; running with the old values",
          fields: [("EDGEDIAG_SETTINGS", names)])
      }
    } catch {
      journal.send(
        .configReloadFailed, message: "reload failed, keeping the running configuration: \(error)",
        fields: [("EDGEDIAG_ERROR", "\(error)")])
    }
    notify { () throws(Errno) in try notifier.ready() }
  }

  /// After a reload's new forwarder failed to start (the running one was already stopped): a fresh forwarder of
  /// the running configuration takes over again. If that fails too, nothing delivers findings (they stay in the
  /// outbox): a standing fault, so the watchdog pings stop and systemd restarts the daemon, unless a reload
  /// starts a forwarder first.
  private func restartRunningForwarder() {
    do {
      forwarder = try Self.startForwarder(
        loaded, signal: status.findingQueued, changed: outboxChanged, journal: journal)
    } catch {
      fault(
        .forwarderStopped,
        "forwarding stopped: the forwarder of the running configuration could not be started again: \(error)",
        error: "\(error)")
    }
  }

  /// SIGTERM: stop taking captures, let the workers finish what they hold and the outcome writer record it
  /// (queued captures stay claimed in the ledger for the next run), stop the forwarder, close the ledger.
  private func shutDown() -> Int32 {
    notify { () throws(Errno) in try notifier.stopping() }
    status.stopping.store(true, ordering: .relaxed)
    // Counted from what the drain took, not before it: a worker may take one more capture in between.
    let left = queue.drain().count + backlog.count
    journal.send(.stopping, message: "stopping; \(left) queued captures stay for the next start")
    queue.close()
    for worker in workers { worker.join() }
    writer.finish()
    forwarder?.stop()
    if let profile = StageProfile.shared {
      journal.send(
        .stopping, message: "stopped; thread CPU time by capture stage (EDGEDIAG_PROFILE): " + profile.summary)
    }
    return 0
  }
}

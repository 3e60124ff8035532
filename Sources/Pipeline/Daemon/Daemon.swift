import Platform
import Synchronization
import Systemd

/// `edgediag run`: the daemon. One main thread runs an epoll loop over inotify (captures), a signalfd (TERM,
/// INT, HUP), timers (watchdog, folder retry, settling files) and an eventfd that workers bump when they finish a
/// capture.
/// It claims captures in the ledger, feeds the bounded work queue, keeps `STATUS=` current and pings the
/// watchdog only while every part is healthy. Workers decode, infer and record; the forwarder delivers.
public final class Daemon {
  private enum Source: UInt64 {
    case inotify = 1
    case signals, watchdogTimer, retryTimer, settleTimer, workDone
  }

  let configPath: String
  let journal = Journal.standard
  let notifier = Notifier()
  private var loaded: LoadedConfiguration
  /// The configuration the workers read; replaced on reload.
  private let current: Locked<LoadedConfiguration>
  private let status = WorkStatus()
  private let database: Database
  private let ledger: Ledger
  private var watcher: CaptureWatcher
  private let queue: WorkQueue<CaptureJob>
  private var backlog: Backlog
  private var workers: [Worker] = []
  private var forwarder: Forwarder?
  private let outbox: Outbox
  private let epoll: Epoll
  private let signals: SignalFD
  private let watchdogTimer: TimerFD
  private let retryTimer: TimerFD
  private let settleTimer: TimerFD
  /// Whether `settleTimer` is armed: a scan found files too young to take, and scans again when it fires.
  private var settleRescanArmed = false
  private let workDone: EventFD
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
    let database = try DaemonError.storage { () throws(StorageError) in try Database(path: databasePath) }
    self.database = database
    let ledger = try DaemonError.storage { () throws(StorageError) in try Ledger(database: database, run: run) }
    self.ledger = ledger
    let counts = try DaemonError.storage { () throws(StorageError) in try ledger.counts() }
    status.done.store(counts.done, ordering: .relaxed)
    status.findings.store(counts.findings, ordering: .relaxed)
    outbox = try DaemonError.storage { () throws(StorageError) in try Outbox(database: database) }
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
    let watchdog = try DaemonError.system("read the watchdog interval") { () throws(Errno) in try watchdogInterval() }
    watchdogMicroseconds = watchdog
    try DaemonError.system("set up the event loop") { () throws(Errno) in
      try epoll.add(signals.descriptor.rawValue, events: .readable, data: Source.signals.rawValue)
      try epoll.add(watcher.inotify.descriptor.rawValue, events: .readable, data: Source.inotify.rawValue)
      try epoll.add(watchdogTimer.descriptor.rawValue, events: .readable, data: Source.watchdogTimer.rawValue)
      try epoll.add(retryTimer.descriptor.rawValue, events: .readable, data: Source.retryTimer.rawValue)
      try epoll.add(settleTimer.descriptor.rawValue, events: .readable, data: Source.settleTimer.rawValue)
      try epoll.add(workDone.descriptor.rawValue, events: .readable, data: Source.workDone.rawValue)
      if let interval = watchdog {
        // Half the interval, in nanoseconds: interval µs × 1000 / 2.
        try watchdogTimer.arm(afterNanoseconds: interval * 500, intervalNanoseconds: interval * 500)
      }
    }
    forwarder = try Self.startForwarder(loaded, signal: status.findingQueued, journal: journal)
    let count = configuration.workers.count == 0 ? processorCount : configuration.workers.count
    for index in 0..<count {
      workers.append(
        try Worker(
          index: index, queue: queue, configuration: current, status: status, databasePath: databasePath, run: run,
          done: workDone, journal: journal))
    }
  }

  /// Runs until SIGTERM or SIGINT; returns the process exit code.
  public func run() -> Int32 {
    armWatch()
    requeueUnfinished()
    // Logged first, so the entry is in the journal by the time `systemctl start` returns.
    journal.send(.ready, message: "edgediag ready: \(watchDescription)", fields: loaded.model.journalFields)
    notify { () throws(Errno) in try notifier.ready() }
    while true {
      // Before waiting, not only after events: the start-up scan and the unfinished captures fill the backlog
      // with no event to follow.
      dispatch()
      updateStatus()
      let ready: Epoll.ReadyEvents
      do { ready = try epoll.wait() } catch {
        journal.send(
          .eventLoopFailed, message: "event loop failed: \(error)", fields: [("EDGEDIAG_ERROR", "\(error)")],
          priority: .critical)
        return 1
      }
      for event in ready {
        switch Source(rawValue: event.data) {
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
          settleRescanArmed = false
          scan(nil)
        case .workDone:
          // A worker finished a capture: the queue has room (dispatch runs before the next wait).
          _ = workDone.drain()
        case .none: break
        }
      }
    }
  }

  // MARK: Captures

  private var watchDescription: String { "watching \(watcher.root)" }

  private static func makeWatcher(_ configuration: Configuration) throws(DaemonError) -> CaptureWatcher {
    let filter = NameFilter(ignorePatterns: configuration.capture.ignore, extensions: configuration.capture.extensions)
    return try DaemonError.system("create the inotify watch") { () throws(Errno) in
      try CaptureWatcher(
        root: configuration.capture.directory, recursive: configuration.capture.recursive, filter: filter)
    }
  }

  /// Watches the capture folder and scans it; while it is missing, logs once and retries every 5 seconds.
  private func armWatch() {
    do {
      try watcher.arm()
      if retryArmed {
        journal.send(.watchFolderBack, message: "capture folder is back; \(watchDescription)")
        retryArmed = false
      }
      scan(nil)
    } catch {
      if !retryArmed {
        journal.send(
          .watchFolderMissing, message: "cannot watch the capture folder \(watcher.root): \(error); retrying every 5 s",
          fields: [("EDGEDIAG_ERRNO", String(error.rawValue))])
      }
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
  private var retryArmed = false

  private func handleWatchChanges() {
    let changes: [CaptureWatcher.Change]
    do { changes = try watcher.readChanges() } catch {
      fault(.watchReadFailed, "reading inotify events failed: \(error)", error: error.description, standing: false)
      return
    }
    for change in changes {
      switch change {
      case .file(let path): claim(path)
      case .folderAdded(let path): scan(path)
      case .overflow:
        journal.send(.queueOverflowRescan, message: "inotify queue overflowed; rescanning the capture folder")
        scan(nil)
      case .folderGone: armWatch()
      }
    }
  }

  /// Claims every capture in `folder` (the whole capture folder when nil) that the ledger does not know yet.
  ///
  /// A scan cannot tell a complete file from one still being written (at start, the camera may be halfway
  /// through one), so it leaves files changed within the settle time and scans again once it has passed. A file
  /// whose writer closes it meanwhile arrives through inotify as usual.
  private func scan(_ folder: String?) {
    guard !backlog.isFull else {
      backlog.needsRescan = true
      return
    }
    let settle = Int64(loaded.configuration.capture.settleMilliseconds) * 1_000_000
    var youngest: Int64?
    let now = WallClock.now
    do {
      for path in try watcher.scan(folder) {
        guard let key = captureKey(path) else { continue }
        let age = now - key.modifiedNanoseconds
        if -settle < age && age < settle {
          youngest = min(youngest ?? age, age)
          continue
        }
        claim(key)
      }
    } catch {
      fault(.scanFailed, "scanning the capture folder failed: \(error)", error: error.description, standing: false)
    }
    if let youngest, !settleRescanArmed {
      // When the youngest file has settled (at least 10 ms on; a file dated in the future: a whole settle time).
      let wait = max(10_000_000, youngest < 0 ? settle : settle - youngest)
      do {
        try settleTimer.arm(afterNanoseconds: wait)
        settleRescanArmed = true
        cleared(.settleTimerFailed)
      } catch {
        // The young files would wait for the next event or scan: unhealthy until a settle timer is armed.
        fault(.settleTimerFailed, "cannot arm the settle timer: \(error)", error: error.description)
      }
    }
  }

  /// The ledger key of the regular file at `path` from its status; nil if it is gone again or not a file.
  private func captureKey(_ path: String) -> CaptureKey? {
    // Ignoring the error is right here: a name from inotify or a scan that is gone again (or was never a file
    // one may stat) is no capture, and nothing of it can be recorded.
    guard let status = try? fileStatus(atPath: path), status.isRegular else { return nil }
    return CaptureKey(
      path: path, size: Int64(status.size), modifiedNanoseconds: status.modificationTimeNanoseconds,
      inode: status.inode)
  }

  /// Records the complete file at `path` in the ledger and queues it, unless it is already known or gone again.
  private func claim(_ path: String) {
    guard let key = captureKey(path) else { return }
    claim(key)
  }

  private func claim(_ key: CaptureKey) {
    guard !backlog.isFull else {
      backlog.needsRescan = true
      return
    }
    var clock = StageClock()
    defer { clock?.lap(.claim) }
    do {
      let claim = try ledger.claim(key, at: WallClock.now)
      switch claim {
      case .new(let id): backlog.append(CaptureJob(id: id, key: key))
      case .pending(let id, let attempts): backlog.append(CaptureJob(id: id, key: key, previousAttempts: attempts))
      case .inProgress, .alreadyRecorded: break
      }
    } catch {
      ledgerFault(error, doing: "claim a capture")
    }
  }

  /// Captures an earlier run claimed but never recorded (it crashed, was killed or lost power): process them
  /// first, under the same ids.
  private func requeueUnfinished() {
    do {
      for record in try ledger.pending() { claim(record.key.path) }
    } catch {
      ledgerFault(error, doing: "list unfinished captures")
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

  /// nil when healthy, else what is wrong: a worker stuck on one capture past the inference deadline, captures
  /// waiting twice that long without any worker taking them (workers hung or dead), or a ledger that cannot be
  /// written.
  func healthVerdict() -> String? {
    if let fault = standingFaults.first { return fault.message }
    let deadline = Int64(loaded.configuration.model.deadlineMilliseconds) * 1_000_000
    let now = MonotonicInstant.now
    for worker in workers {
      if let busy = worker.heartbeat.busyNanoseconds(at: now), busy > deadline {
        return "worker \(worker.index) has been on one capture for \(busy / 1_000_000) ms"
      }
    }
    if let waiting = queue.oldestWaitNanoseconds(at: now), waiting > 2 * deadline {
      return "captures have waited \(waiting / 1_000_000) ms without a worker taking them"
    }
    if !status.ledgerHealthy.load(ordering: .relaxed) {
      do { _ = try ledger.counts() } catch { return "the ledger cannot be read: \(error)" }
      status.ledgerHealthy.store(true, ordering: .relaxed)
    }
    return nil
  }

  private func updateStatus() {
    let counts = status
    // A broken ledger shows as "outbox ?", never as an empty outbox.
    var outbox = "?"
    do {
      outbox = String(try self.outbox.counts().pending)
      cleared(.ledgerError)
    } catch {
      fault(.ledgerError, "ledger: cannot count the outbox: \(error)", error: error.description)
    }
    let text =
      "\(watcher.isArmed ? watchDescription : "waiting for \(watcher.root)") · \(counts.done.load(ordering: .relaxed)) done · "
      + "\(counts.findings.load(ordering: .relaxed)) findings · queue \(queue.count + backlog.count) · outbox \(outbox)"
    if text != lastStatus {
      lastStatus = text
      notify { () throws(Errno) in try notifier.status(text) }
    }
  }

  /// Starts delivering findings on a thread and database connection of its own; nil when `[forward] url` is
  /// unset (findings then stay in the outbox).
  private static func startForwarder(
    _ loaded: LoadedConfiguration, signal: OutboxSignal, journal: Journal
  ) throws(DaemonError) -> Forwarder? {
    guard loaded.configuration.forward.url != nil else { return nil }
    let outbox = try DaemonError.storage { () throws(StorageError) in
      try Outbox(database: try Database(path: loaded.databasePath))
    }
    let forwarder: Forwarder
    do {
      forwarder = try Forwarder(
        outbox: outbox, configuration: loaded.configuration.forward, deviceID: loaded.deviceID,
        delegate: ForwarderLog(journal: journal), signal: signal)
    } catch { throw .forward(error) }
    try DaemonError.system("start the forwarder") { () throws(Errno) in try forwarder.start() }
    return forwarder
  }

  // MARK: Reload and shutdown

  /// SIGHUP: re-reads configuration and model card; a broken new one leaves the running one in place.
  private func reload() {
    notify { () throws(Errno) in try notifier.reloading() }
    do {
      let next = try LoadedConfiguration.load(configPath: configPath, generation: loaded.generation + 1)
      if next.configuration.capture != loaded.configuration.capture {
        let nextWatcher = try Self.makeWatcher(next.configuration)
        // Registered before the old watch goes, so a failure leaves the running watch in place.
        try DaemonError.system("watch the new capture folder") { () throws(Errno) in
          try epoll.add(nextWatcher.inotify.descriptor.rawValue, events: .readable, data: Source.inotify.rawValue)
        }
        do { try epoll.remove(watcher.inotify.descriptor.rawValue) } catch {
          // Harmless once the old watcher is released (closing its descriptor leaves the epoll set), but say so.
          fault(.watchRegisterFailed, "cannot stop the old watch: \(error)", error: error.description, standing: false)
        }
        watcher = nextWatcher
        armWatch()
      }
      if next.configuration.forward != loaded.configuration.forward {
        forwarder?.stop()
        forwarder = nil
        forwarder = try Self.startForwarder(next, signal: status.findingQueued, journal: journal)
      }
      loaded = next
      current.withLock { $0 = next }
      journal.send(.configReloaded, message: "configuration reloaded", fields: next.model.journalFields)
    } catch {
      journal.send(
        .configReloadFailed, message: "reload failed, keeping the running configuration: \(error)",
        fields: [("EDGEDIAG_ERROR", "\(error)")])
    }
    notify { () throws(Errno) in try notifier.ready() }
  }

  /// SIGTERM: stop taking captures, let the workers finish what they hold (queued captures stay claimed in the
  /// ledger for the next run), stop the forwarder, close the ledger.
  private func shutDown() -> Int32 {
    notify { () throws(Errno) in try notifier.stopping() }
    journal.send(.stopping, message: "stopping; \(queue.count + backlog.count) queued captures stay for the next start")
    _ = queue.drain()
    queue.close()
    for worker in workers { worker.join() }
    forwarder?.stop()
    if let profile = StageProfile.shared {
      journal.send(
        .stopping, message: "stopped; thread CPU time by capture stage (EDGEDIAG_PROFILE): " + profile.summary)
    }
    return 0
  }
}

import Platform
import Synchronization
import Systemd

/// A capture a worker has analysed: its outcome, built once, and its finding, waiting to be committed.
struct AnalysedCapture: Sendable {
  let job: CaptureJob
  let record: OutcomeRecord
  let finding: Finding?
  /// The configuration it was analysed under: where to move it, how to name it in the journal.
  let loaded: LoadedConfiguration
}

/// Records analysed captures: commits their outcomes (with their findings) in one synced transaction, and only
/// then reports each one: moves its file if asked, counts it, wakes the forwarder, notes in the ledger that they
/// were reported, and logs them. So nothing says a capture has an outcome (the journal, the archive folder,
/// `STATUS=`, the receiver) before a power cut could no longer undo it; a kill before the commit leaves every
/// capture of the group claimed for the next start, a kill after it and before the mark leaves them unreported,
/// for the next start to report (`reportUnreported`), and a kill after the mark can only cost journal entries,
/// never log one twice.
struct OutcomeRecorder {
  let ledger: Ledger
  let status: WorkStatus
  let journal: Journal

  /// Commits `captures` (retried while the ledger is busy or failing, see `commitRetrying`), then reports each
  /// one stored. Returns, in order, whether each was stored.
  @discardableResult
  func record(_ captures: [AnalysedCapture], clock: inout StageClock?) -> [Bool] {
    guard let results = commitRetrying(captures) else { return captures.map { _ in false } }
    clock?.lap(.record)
    var stored: [Bool] = []
    stored.reserveCapacity(captures.count)
    var reported: [(capture: AnalysedCapture, queued: Bool)] = []
    reported.reserveCapacity(captures.count)
    var findingQueued = false
    for (capture, result) in zip(captures, results) {
      guard case .stored(let queued) = result else {
        stored.append(false)
        continue
      }
      stored.append(true)
      status.deferrals.remove(capture.job)
      findingQueued = findingQueued || queued
      dispose(
        capture.job, outcome: capture.record.outcome, capture: capture.loaded.configuration.capture, log: log(capture))
      status.done.add(1, ordering: .relaxed)
      if capture.record.outcome == .finding { status.findings.add(1, ordering: .relaxed) }
      reported.append((capture, queued))
    }
    if findingQueued { status.findingQueued.raise() }
    clock?.lap(.forward)
    // Marked before the journal entries, so that a kill can never log a capture twice (the next start logs only
    // what is not marked); a kill between the mark and the entries loses those entries, not the outcomes.
    markReported(reported.map { $0.capture.job.id })
    clock?.lap(.record)
    for (capture, queued) in reported {
      log(capture).outcome(job: capture.job, record: capture.record)
      if let finding = capture.finding, !queued {
        log(capture).findingAlreadyQueued(job: capture.job, finding: finding)
      }
    }
    clock?.lap(.journal)
    return stored
  }

  /// Reports what a run killed between commit and report left undone (`Ledger.unreported`): moves each file
  /// that is still the one analysed (it may have been moved already, and a new file may have its name), logs
  /// its outcome, then marks them reported. Nothing is counted: the counters start from the ledger, which has
  /// them; the forwarder finds their findings in the outbox. A kill during this leaves them to the next start.
  func reportUnreported(_ loaded: LoadedConfiguration) throws(StorageError) {
    let records = try ledger.unreported()
    let log = CaptureLog(naming: loaded.configuration.journal.captureNames, journal: journal)
    var reported: [(job: CaptureJob, outcome: OutcomeRecord)] = []
    for record in records {
      guard let outcome = record.outcome else { continue }
      let job = CaptureJob(id: record.id, key: record.key, previousAttempts: record.attempts)
      // A file that cannot be examined is not the one analysed as far as a move goes: it stays where it is.
      if let now = try? fileStatus(atPath: record.key.path, followingSymlinks: false), record.key.isSameFile(as: now) {
        dispose(job, outcome: outcome.outcome, capture: loaded.configuration.capture, log: log)
      }
      reported.append((job, outcome))
    }
    // Marked before the entries are logged, as in `record`: never a second entry for one capture.
    try ledger.markReported(records.map { $0.id })
    for (job, outcome) in reported { log.outcome(job: job, record: outcome) }
  }

  /// Notes that the captures `ids` were reported. If the ledger refuses, the next start reports them again: a
  /// second journal entry, no second move (the file is gone from its path by then).
  private func markReported(_ ids: [String]) {
    do { try ledger.markReported(ids) } catch {
      journal.send(
        .ledgerError,
        message:
          "ledger: cannot note that \(ids.count) captures were reported: \(error); the next start logs them again",
        fields: [("EDGEDIAG_ERROR", "\(error)")])
    }
  }

  /// Commits the outcomes, retrying while the ledger is busy or failing: another connection holding the write
  /// lock past the busy timeout (slow disks under load) is transient, and giving up would leave the captures
  /// claimed but unrecorded until the next start. Meanwhile the writer's heartbeat shows it busy, so a ledger that
  /// stays unwritable past the inference deadline stops the watchdog pings and systemd restarts the daemon,
  /// which processes the captures again. After about a minute it gives up, leaving them for that restart. A
  /// shutdown ends the waiting at once. An outcome that no retry can store (its capture already has one, or no
  /// row) is logged and left out. Returns nil if nothing was committed, else each outcome's result.
  private func commitRetrying(_ captures: [AnalysedCapture]) -> [Ledger.Recorded]? {
    let outcomes = captures.map { (id: $0.job.id, outcome: $0.record, finding: $0.finding) }
    for attempt in 1...60 {
      do {
        let results = try ledger.record(outcomes)
        if attempt > 1 { status.ledgerHealthy.store(true, ordering: .relaxed) }
        for case (let capture, .refused(let error)) in zip(captures, results) {
          log(capture).cannotRecord(capture.job, error, "not retried")
        }
        return results
      } catch {
        status.ledgerHealthy.store(false, ordering: .relaxed)
        let givingUp = attempt == 60 || !pause(milliseconds: min(1000, 100 * attempt))
        if attempt == 1 || givingUp {
          for capture in captures {
            log(capture).cannotRecord(
              capture.job, error, givingUp ? "giving up; it stays claimed for the next start" : "retrying")
          }
        }
        if givingUp { return nil }
      }
    }
    return nil
  }

  /// How the journal names `capture`: as the configuration it was analysed under says.
  private func log(_ capture: AnalysedCapture) -> CaptureLog {
    CaptureLog(naming: capture.loaded.configuration.journal.captureNames, journal: journal)
  }

  /// Waits `milliseconds` unless the daemon is stopping; returns false if it is.
  private func pause(milliseconds: Int) -> Bool {
    var left = milliseconds
    while left > 0 {
      if status.stopping.load(ordering: .relaxed) { return false }
      sleepMilliseconds(min(left, 20))
      left -= 20
    }
    return !status.stopping.load(ordering: .relaxed)
  }

  /// Moves a recorded capture out of the capture folder when the configuration asks: rejected captures to the
  /// quarantine folder if one is set, the rest (with `disposition = move`) to the archive folder. The outcome is
  /// already recorded, so a move that fails loses nothing: the file stays, and the journal says why.
  private func dispose(_ job: CaptureJob, outcome: Outcome, capture: Configuration.Capture, log: CaptureLog) {
    let folder: String? =
      outcome == .rejected && capture.quarantineDirectory != nil
      ? capture.quarantineDirectory : (capture.disposition == .move ? capture.archiveDirectory : nil)
    guard let folder else { return }
    // The capture id keeps names unique: cameras reuse file names across days and devices.
    let destination = FilePath(folder).appending(archiveName(id: job.id, name: job.key.path.lastComponent))
    do {
      try rename(atPath: job.key.path, to: destination)
    } catch  where error == .noSuchFileOrDirectory {
      // The folder does not exist yet (first capture, or removed since): make it once, not before every move.
      do {
        try makeDirectory(atPath: folder, mode: 0o750, recursive: true)
        try rename(atPath: job.key.path, to: destination)
      } catch {
        log.moveFailed(job, folder, error)
      }
    } catch {
      log.moveFailed(job, folder, error)
    }
  }
}

import Imaging
import Platform
import Synchronization
import Systemd

/// The capture step, from file to ledger row and journal entry: read (size limit first), hash, classify (decode,
/// preprocess, infer, policy), judge the deadline, record the outcome with its finding in one transaction,
/// move the file if asked, log. Its outcome is one `OutcomeRecord`, built once, that the ledger, the outbox,
/// the counters and the journal all read.
struct CaptureProcessor {
  let ledger: Ledger
  let configuration: Locked<LoadedConfiguration>
  let status: WorkStatus
  let journal: Journal
  private var classifier: Classifier?
  private var generation = -1

  init(ledger: Ledger, configuration: Locked<LoadedConfiguration>, status: WorkStatus, journal: Journal) {
    self.ledger = ledger
    self.configuration = configuration
    self.status = status
    self.journal = journal
  }

  /// Processes one capture; returns its outcome as recorded, or nil if it has none yet: the file could not be
  /// read for a reason that may pass (it is tried again shortly), or the ledger could not record it (the
  /// capture then stays claimed for the next start).
  @discardableResult
  mutating func process(_ job: CaptureJob) -> OutcomeRecord? {
    let loaded = configuration.withLock { $0 }
    var clock = StageClock()
    guard let record = outcome(of: job, loaded, &clock) else { return nil }
    let finding = record.outcome == .finding ? self.finding(job, record, loaded) : nil
    guard let queued = recordRetrying(job, record, finding) else { return nil }
    status.deferrals.remove(job)
    clock?.lap(.record)
    dispose(job, outcome: record.outcome, capture: loaded.configuration.capture)
    status.done.add(1, ordering: .relaxed)
    if record.outcome == .finding { status.findings.add(1, ordering: .relaxed) }
    if queued { status.findingQueued.raise() }
    clock?.lap(.forward)
    let log = CaptureLog(naming: loaded.configuration.journal.captureNames, journal: journal)
    log.outcome(job: job, record: record, model: loaded.model)
    if let finding, !queued { log.findingAlreadyQueued(job: job, finding: finding) }
    clock?.lap(.journal)
    return record
  }

  /// What became of the capture: the one place its outcome and reason are decided. nil when the file cannot be
  /// read yet (`retryLater`).
  private mutating func outcome(
    of job: CaptureJob, _ loaded: LoadedConfiguration, _ clock: inout StageClock?
  ) -> OutcomeRecord? {
    let model = loaded.model.identity
    func unclassified(_ outcome: Outcome, _ reason: String, sha256: String? = nil) -> OutcomeRecord {
      OutcomeRecord(outcome: outcome, reason: reason, sha256: sha256, model: model, recordedAt: WallClock.now)
    }
    if job.previousAttempts >= loaded.configuration.workers.maxAttempts {
      return unclassified(
        .failed, "interrupted: the daemon stopped \(job.previousAttempts) times while processing this capture")
    }
    let maxFileBytes = loaded.decodeLimits.maxFileBytes
    // Opened without blocking and checked against the claim before a byte is read: a file replaced or rewritten
    // while the capture waited (a rename over it, a FIFO) is not analysed under the claim's identity.
    let file: FileDescriptor
    do {
      let opened = try openRegularFile(atPath: job.key.path, followingSymlinks: false)
      if let stale = StaleClaim(job.key, now: opened.status) { return unclassified(.rejected, stale.reason) }
      file = opened.file
    } catch {
      if let stale = StaleClaim(openError: error) { return unclassified(.rejected, stale.reason) }
      if Self.mayPass(error) { return retryLater(job, error, naming: loaded.configuration.journal.captureNames) }
      return unclassified(.rejected, Classification.unreadable(error, maxFileBytes: maxFileBytes).reason)
    }
    do { try ledger.begin(id: job.id) } catch {
      // Recording will meet the same fault and report it; the attempt count is only a safeguard.
      status.ledgerHealthy.store(false, ordering: .relaxed)
    }
    clock?.lap(.claim)
    let bytes: [UInt8]
    var hash = SHA256()
    do {
      // Hashed as it is read, while each piece is in the cache: one pass over the bytes. The size is the
      // claim's, which the opened file's status matched.
      bytes = try file.readToEnd(limit: maxFileBytes, expectedSize: Int(job.key.size)) { piece in
        clock?.lap(.read)
        hash.update(piece)
        clock?.lap(.hash)
      }
    } catch {
      if Self.mayPass(error) { return retryLater(job, error, naming: loaded.configuration.journal.captureNames) }
      return unclassified(.rejected, Classification.unreadable(error, maxFileBytes: maxFileBytes).reason)
    }
    clock?.lap(.read)
    let sha256 = Hex.encode(hash.finalize())
    clock?.lap(.hash)
    let classification: Classification
    do { classification = try currentClassifier(loaded).classify(bytes, clock: &clock) } catch {
      return unclassified(.failed, "model: \(error)", sha256: sha256)
    }
    var record = OutcomeRecord(
      outcome: classification.outcome, reason: classification.reason, label: classification.label,
      score: classification.score, scores: classification.scores, sha256: sha256, model: model,
      decodeMicroseconds: classification.decodeMicroseconds,
      inferenceMicroseconds: classification.inferenceMicroseconds, recordedAt: WallClock.now)
    if let overrun = Self.deadlineOverrun(classification, milliseconds: loaded.configuration.model.deadlineMilliseconds)
    {
      record.outcome = .failed
      record.reason = overrun
    }
    return record
  }

  /// Why a classified capture failed its deadline (`[model] deadline_ms`), or nil if it did not: decoding and
  /// inference count together, as the watchdog counts the worker's whole capture. Waiting for a decode slot does
  /// not count (other captures' decodes are not this one's cost); a rejected capture keeps its rejection.
  static func deadlineOverrun(_ classification: Classification, milliseconds: Int) -> String? {
    guard let inference = classification.inferenceMicroseconds else { return nil }
    let decode = classification.decodeMicroseconds ?? 0
    let deadline = Int64(milliseconds) * 1000
    guard decode + inference > deadline else { return nil }
    return "deadline: decoding and inference took \((decode + inference) / 1000) ms (decoding \(decode / 1000) ms, "
      + "inference \(inference / 1000) ms), over \(milliseconds) ms"
  }

  /// Errors reading a capture that say nothing final about it: a permission the imaging application or an
  /// administrator sets a moment later, an I/O error of a flaky disk or share, descriptors or memory running out.
  private static func mayPass(_ error: Errno) -> Bool {
    [
      .permissionDenied, .operationNotPermitted, .ioError, .tooManyOpenFiles, .systemFileTableFull, .outOfMemory,
      .resourceTemporarilyUnavailable,
    ].contains(error)
  }

  /// Leaves the capture claimed without an outcome and asks the main loop for a rescan, which claims it again
  /// once its back-off (`Deferrals`) is over. No attempt was charged (`begin` comes after the file is open), so
  /// waiting costs nothing towards `failed`.
  private func retryLater(_ job: CaptureJob, _ error: Errno, naming: Configuration.CaptureNames) -> OutcomeRecord? {
    do { try ledger.release(id: job.id) } catch {
      // Unreleased, the claim is taken again at the next start instead; the ledger fault shows in the verdict.
      status.ledgerHealthy.store(false, ordering: .relaxed)
    }
    let deferral = status.deferrals.add(job, at: .now)
    if deferral.logged { CaptureLog(naming: naming, journal: journal).deferred(job: job, error: error, deferral) }
    return nil
  }

  /// Records the outcome, retrying while the ledger is busy or failing: another connection holding the write
  /// lock past the busy timeout (slow disks under load) is transient, and giving up would leave the capture
  /// claimed but unrecorded until the next start. Meanwhile this worker's heartbeat shows it busy, so a ledger
  /// that stays unwritable past the inference deadline stops the watchdog pings and systemd restarts the daemon,
  /// which processes the capture again. After about a minute the worker gives up on it, leaving it for that
  /// restart. A shutdown ends the waiting at once, and an error that no retry can mend (the capture already has
  /// an outcome, or no row) is not retried. Returns nil if the outcome was not recorded, else whether a finding
  /// was queued for the forwarder.
  private func recordRetrying(_ job: CaptureJob, _ record: OutcomeRecord, _ finding: Finding?) -> Bool? {
    for attempt in 1...60 {
      do {
        let queued = try ledger.record(id: job.id, outcome: record, finding: finding)
        if attempt > 1 { status.ledgerHealthy.store(true, ordering: .relaxed) }
        return queued
      } catch {
        let permanent = error == .alreadyRecorded(job.id) || error == .unknownCapture(job.id)
        if !permanent { status.ledgerHealthy.store(false, ordering: .relaxed) }
        let givingUp = permanent || attempt == 60 || !pause(milliseconds: min(1000, 100 * attempt))
        if attempt == 1 || givingUp {
          journal.send(
            .ledgerError,
            message: "ledger: cannot record capture \(job.id): \(error); "
              + (permanent
                ? "not retried" : givingUp ? "giving up; it stays claimed for the next start" : "retrying"),
            fields: [("EDGEDIAG_CAPTURE", job.id), ("EDGEDIAG_ERROR", "\(error)")])
        }
        if givingUp { return nil }
      }
    }
    return nil
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
  private func dispose(_ job: CaptureJob, outcome: Outcome, capture: Configuration.Capture) {
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
        moveFailed(job, folder, error)
      }
    } catch {
      moveFailed(job, folder, error)
    }
  }

  private func moveFailed(_ job: CaptureJob, _ folder: String, _ error: Errno) {
    journal.send(
      .captureMoveFailed,
      message: "capture \(job.id): recorded, but cannot move it to \(folder): \(error); it stays in place",
      fields: [("EDGEDIAG_CAPTURE", job.id), ("EDGEDIAG_ERROR", error.description)], priority: .warning)
  }

  /// The outbox entry for a finding, rendered once in the configured format. Its id names the image's content,
  /// so the same bytes under another capture id make the same finding (see `FindingReport.findingID`).
  private func finding(_ job: CaptureJob, _ record: OutcomeRecord, _ loaded: LoadedConfiguration) -> Finding? {
    guard let label = record.label, let score = record.score, let sha256 = record.sha256,
      let rule = loaded.model.card.policy.rules.first(where: { $0.label == label })
    else { return nil }
    let findingID = FindingReport.findingID(
      deviceID: loaded.deviceID, modelSHA256: loaded.model.identity.sha256, imageSHA256: sha256)
    let report = FindingReport(
      findingID: findingID, captureID: job.id, captureSHA256: sha256, outcome: record.outcome, label: label,
      score: score,
      threshold: rule.threshold,
      classScores: zip(loaded.model.labels, record.scores).map { ClassScore(label: $0, score: $1) },
      model: loaded.model.identity, deviceID: loaded.deviceID, capturedAt: job.key.modifiedNanoseconds,
      recordedAt: record.recordedAt)
    let forward = loaded.configuration.forward
    return Payload.finding(report, format: forward.format, diagnosticReport: forward.fhirDiagnosticReport)
  }

  /// The classifier for the current configuration, rebuilt after a reload.
  private mutating func currentClassifier(_ loaded: LoadedConfiguration) throws(ClassifierError) -> Classifier {
    if let classifier, generation == loaded.generation { return classifier }
    let made = try Classifier(
      loaded.model, limits: loaded.decodeLimits, threads: loaded.configuration.model.threads,
      decodeGate: (status.decodes, loaded.configuration.workers.maxDecodes))
    classifier = made
    generation = loaded.generation
    return made
  }
}

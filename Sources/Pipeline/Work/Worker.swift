import Imaging
import Platform
import Synchronization
import Systemd

/// A worker thread: takes captures from the queue, classifies them and records each outcome (with its
/// finding, in one transaction) in the ledger through its own database connection.
final class Worker {
  let index: Int
  let heartbeat = Heartbeat()
  private var thread: Thread?

  init(
    index: Int, queue: WorkQueue<CaptureJob>, shared: SharedSettings, databasePath: String, run: Int64,
    done: EventFD, journal: Journal
  ) throws(DaemonError) {
    self.index = index
    // The connection is made here, so a failure stops start-up, then belongs to the worker thread alone.
    nonisolated(unsafe) let ledger = try DaemonError.storage { () throws(StorageError) in
      try Ledger(database: try Database(path: databasePath), run: run)
    }
    let heartbeat = heartbeat
    thread = try DaemonError.system("start worker \(index)") { () throws(Errno) in
      try Thread(name: "worker-\(index)") {
        var processor = CaptureProcessor(ledger: ledger, shared: shared, journal: journal)
        while let job = queue.take() {
          heartbeat.beginJob()
          processor.process(job)
          heartbeat.endJob()
          done.signal()
        }
      }
    }
  }

  /// Waits until the queue is closed and this worker's last capture is recorded.
  func join() { thread?.join() }
}

/// What a worker does with one capture, from file to ledger row and journal entry.
struct CaptureProcessor {
  let ledger: Ledger
  let shared: SharedSettings
  let journal: Journal
  private var classifier: Classifier?
  private var generation = -1

  init(ledger: Ledger, shared: SharedSettings, journal: Journal) {
    self.ledger = ledger
    self.shared = shared
    self.journal = journal
  }

  mutating func process(_ job: CaptureJob) {
    let settings = shared.settings
    let configuration = settings.configuration
    let result = classify(job, settings)
    let record = OutcomeRecord(
      outcome: result.outcome, reason: result.classification.reason, label: result.classification.label,
      score: result.classification.score, scores: result.classification.scores, sha256: result.sha256,
      model: settings.model.identity, decodeMicroseconds: result.classification.decodeMicroseconds,
      inferenceMicroseconds: result.classification.inferenceMicroseconds, recordedAt: WallClock.now)
    let finding = result.outcome == .finding ? self.finding(job, record, settings) : nil
    guard recordRetrying(job, record, finding) else { return }
    dispose(job, outcome: record.outcome, capture: configuration.capture)
    shared.counters.done.add(1, ordering: .relaxed)
    if result.outcome == .finding { shared.counters.findings.add(1, ordering: .relaxed) }
    CaptureLog(naming: configuration.journal.captureNames, journal: journal)
      .outcome(job: job, record: record, model: settings.model)
  }

  /// Records the outcome, retrying while the ledger is busy or failing: another connection holding the write
  /// lock past the busy timeout (slow disks under load) is transient, and giving up would leave the capture
  /// claimed but unrecorded until the next start. Meanwhile this worker's heartbeat shows it busy, so a ledger
  /// that stays unwritable past the inference deadline stops the watchdog pings and systemd restarts the daemon,
  /// which processes the capture again. After about a minute the worker gives up on it, leaving it for that
  /// restart. Returns whether the outcome was recorded.
  private func recordRetrying(_ job: CaptureJob, _ record: OutcomeRecord, _ finding: Finding?) -> Bool {
    for attempt in 1...60 {
      do {
        try ledger.record(id: job.id, outcome: record, finding: finding)
        if attempt > 1 { shared.ledgerHealthy.store(true, ordering: .relaxed) }
        return true
      } catch {
        shared.ledgerHealthy.store(false, ordering: .relaxed)
        if attempt == 1 || attempt == 60 {
          journal.send(
            .ledgerError,
            message: "ledger: cannot record capture \(job.id): \(error); "
              + (attempt == 1 ? "retrying" : "giving up; it stays claimed for the next start"),
            fields: [("EDGEDIAG_CAPTURE", job.id), ("EDGEDIAG_ERROR", "\(error)")])
        }
        sleepMilliseconds(min(1000, 100 * attempt))
      }
    }
    return false
  }

  /// Moves a recorded capture out of the capture folder when the configuration asks: rejected captures to the
  /// quarantine folder if one is set, the rest (with `disposition = move`) to the archive folder. The outcome is
  /// already recorded, so a move that fails loses nothing: the file stays, and the journal says why.
  private func dispose(_ job: CaptureJob, outcome: Outcome, capture: Configuration.Capture) {
    let folder: String? =
      outcome == .rejected && capture.quarantineDirectory != nil
      ? capture.quarantineDirectory : (capture.disposition == .move ? capture.archiveDirectory : nil)
    guard let folder else { return }
    let name = String(job.key.path.split(separator: "/").last ?? "")
    // The capture id keeps names unique: cameras reuse file names across days and devices.
    let destination = folder + "/" + archiveName(id: job.id, name: name)
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
      .ledgerError,
      message: "capture \(job.id): recorded, but cannot move it to \(folder): \(error); it stays in place",
      fields: [("EDGEDIAG_CAPTURE", job.id), ("EDGEDIAG_ERROR", error.description)], priority: .warning)
  }

  /// The outbox entry for a finding, rendered once in the configured format.
  private func finding(_ job: CaptureJob, _ record: OutcomeRecord, _ settings: Settings) -> Finding? {
    guard let label = record.label, let score = record.score, let sha256 = record.sha256,
      let rule = settings.model.card.policy.rules.first(where: { $0.label == label })
    else { return nil }
    let report = FindingReport(
      findingID: job.id, captureID: job.id, captureSHA256: sha256, outcome: record.outcome, label: label, score: score,
      threshold: rule.threshold,
      classScores: zip(settings.model.labels, record.scores).map { ClassScore(label: $0, score: $1) },
      model: settings.model.identity, deviceID: settings.deviceID, capturedAt: job.key.modifiedNanoseconds,
      recordedAt: record.recordedAt)
    let forward = settings.configuration.forward
    return Payload.finding(report, format: forward.format, diagnosticReport: forward.fhirDiagnosticReport)
  }

  struct Result {
    var outcome: Outcome
    var classification: Classification
    var sha256: String?
  }

  private mutating func classify(_ job: CaptureJob, _ settings: Settings) -> Result {
    if job.previousAttempts >= settings.configuration.workers.maxAttempts {
      let reason = "interrupted: the daemon stopped \(job.previousAttempts) times while processing this capture"
      return Result(outcome: .failed, classification: .failure(reason), sha256: nil)
    }
    do { try ledger.begin(id: job.id) } catch {
      // Recording will meet the same fault and report it; the attempt count is only a safeguard.
      shared.ledgerHealthy.store(false, ordering: .relaxed)
    }
    let capture = settings.configuration.capture
    let bytes: [UInt8]
    do {
      bytes = try readFile(atPath: job.key.path, limit: capture.maxFileBytes)
    } catch {
      return Result(
        outcome: .rejected, classification: .unreadable(error, maxFileBytes: capture.maxFileBytes), sha256: nil)
    }
    var hash = SHA256()
    hash.update(bytes)
    let sha256 = Hex.encode(hash.finalize())
    do {
      let classifier = try currentClassifier(settings)
      var classification = classifier.classify(bytes)
      let deadline = Int64(settings.configuration.model.deadlineMilliseconds) * 1000
      if let took = classification.inferenceMicroseconds, took > deadline {
        classification.outcome = .failed
        classification.reason = "deadline: inference took \(took / 1000) ms, over \(deadline / 1000) ms"
      }
      return Result(outcome: classification.outcome, classification: classification, sha256: sha256)
    } catch {
      return Result(outcome: .failed, classification: .failure("model: \(error)"), sha256: sha256)
    }
  }

  /// The classifier for the current settings, rebuilt after a reload.
  private mutating func currentClassifier(_ settings: Settings) throws(ClassifierError) -> Classifier {
    if let classifier, generation == settings.generation { return classifier }
    let capture = settings.configuration.capture
    let limits = DecodeLimits(
      maxPixels: capture.maxPixels, maxFileBytes: capture.maxFileBytes, maxScans: capture.maxScans)
    let made = try Classifier(settings.model, limits: limits, threads: settings.configuration.model.threads)
    classifier = made
    generation = settings.generation
    return made
  }
}

extension Classification {
  static func failure(_ reason: String) -> Classification {
    Classification(outcome: .failed, reason: reason, scores: [])
  }
}

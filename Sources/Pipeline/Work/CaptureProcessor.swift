import Imaging
import Platform
import Synchronization
import Systemd

/// The capture step of a worker, from file to analysed capture: read (size limit first), hash, classify
/// (decode, preprocess, infer, policy), judge the deadline. Its outcome is one `OutcomeRecord`, built once, that
/// the ledger, the outbox, the counters and the journal all read once `OutcomeRecorder` has committed it.
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

  /// Analyses one capture: its outcome, and the finding to forward if it is one; nil if it has none yet (the
  /// file could not be read for a reason that may pass, and is tried again shortly).
  mutating func analyse(_ job: CaptureJob, clock: inout StageClock?) -> AnalysedCapture? {
    let loaded = configuration.withLock { $0 }
    guard let record = outcome(of: job, loaded, &clock) else { return nil }
    let finding = record.outcome == .finding ? self.finding(job, record, loaded) : nil
    return AnalysedCapture(job: job, record: record, finding: finding, loaded: loaded)
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

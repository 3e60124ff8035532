import Platform
import Systemd

/// Journal entries about captures and the folders they are in. A capture is named by its opaque ledger id unless
/// the configuration opts in to its base name or path: capture software often puts patient or accession numbers
/// in file names.
struct CaptureLog {
  let naming: Configuration.CaptureNames
  let journal: Journal

  /// How the journal names this capture; a name or path escaped for display (it is bytes, and need not be
  /// UTF-8).
  func name(_ job: CaptureJob) -> String {
    switch naming {
    case .id: job.id
    case .basename: job.key.path.lastComponent.displayed
    case .path: job.key.path.displayed
    }
  }

  /// The fields that name a capture: its id, and its name or path when the configuration opts in.
  private func captureFields(_ job: CaptureJob) -> [(String, String)] {
    naming == .id
      ? [("EDGEDIAG_CAPTURE", job.id)] : [("EDGEDIAG_CAPTURE", job.id), ("EDGEDIAG_CAPTURE_NAME", name(job))]
  }

  /// How the journal names a subfolder of the capture folder: as it names captures, since folder names (a
  /// patient's, a study's) can carry patient data too. With ids, by the folder's inode (`find FOLDER -inum N`
  /// finds it), or "inode unknown" when even its status cannot be read (a path too long, a parent not searchable).
  func name(folder: FilePath) -> String {
    switch naming {
    case .id:
      guard let status = try? fileStatus(atPath: folder, followingSymlinks: false) else { return "inode unknown" }
      return "inode \(status.inode)"
    case .basename: return folder.lastComponent.displayed
    case .path: return folder.displayed
    }
  }

  /// A subfolder (recursive mode) that cannot be watched or listed, with why; it is left out.
  func subfolderSkipped(_ folder: FilePath, _ error: Errno) {
    let name = name(folder: folder)
    journal.send(
      .watchSubfolderSkipped, message: "cannot watch or list the capture subfolder \(name): \(error); skipping it",
      fields: [("EDGEDIAG_FOLDER", name), ("EDGEDIAG_ERROR", error.description)])
  }

  /// A capture's outcome, with the model that produced it as stored in the record (a restart may report an
  /// outcome that an earlier model decided).
  func outcome(job: CaptureJob, record: OutcomeRecord) {
    var fields = captureFields(job) + [("EDGEDIAG_OUTCOME", record.outcome.rawValue)]
    if let label = record.label { fields.append(("EDGEDIAG_LABEL", label)) }
    if let score = record.score { fields.append(("EDGEDIAG_SCORE", score.description)) }
    if !record.reason.isEmpty { fields.append(("EDGEDIAG_REASON", record.reason)) }
    if let micros = record.decodeMicroseconds { fields.append(("EDGEDIAG_DECODE_US", String(micros))) }
    if let micros = record.inferenceMicroseconds { fields.append(("EDGEDIAG_LATENCY_US", String(micros))) }
    fields += record.model?.journalFields ?? []
    let event: Event
    let message: String
    switch record.outcome {
    case .negative:
      event = .captureNegative
      message = "capture \(name(job)): negative"
    case .finding:
      event = .captureFinding
      message =
        "capture \(name(job)): finding \(record.label ?? "") (score \(record.score.map { $0.description } ?? "-"))"
    case .uncertain:
      event = .captureUncertain
      message = "capture \(name(job)): uncertain, needs review (\(record.label ?? ""))"
    case .rejected:
      event = .captureRejected
      message = "capture \(name(job)): rejected: \(record.reason)"
    case .failed:
      event = .captureFailed
      message = "capture \(name(job)): failed: \(record.reason)"
    }
    journal.send(event, message: message, fields: fields)
  }

  /// A recorded capture that cannot be moved to `folder` (archive or quarantine): it stays in place.
  func moveFailed(_ job: CaptureJob, _ folder: String, _ error: Errno) {
    journal.send(
      .captureMoveFailed,
      message: "capture \(name(job)): recorded, but cannot move it to \(folder): \(error); it stays in place",
      fields: captureFields(job) + [("EDGEDIAG_ERROR", error.description)], priority: .warning)
  }

  /// An outcome the ledger did not store, and `what` becomes of it.
  func cannotRecord(_ job: CaptureJob, _ error: StorageError, _ what: String) {
    journal.send(
      .ledgerError, message: "ledger: cannot record capture \(name(job)): \(error); " + what,
      fields: captureFields(job) + [("EDGEDIAG_ERROR", "\(error)")])
  }

  /// A capture that cannot be read yet (`Deferrals`): when it is tried again, and which try this was.
  func deferred(job: CaptureJob, error: Errno, _ deferral: Deferrals.Deferral) {
    journal.send(
      .captureDeferred,
      message: "capture \(name(job)): cannot read it yet: \(error); trying again in "
        + "\(deferral.delayNanoseconds / 1_000_000_000) s (attempt \(deferral.attempt))",
      fields: captureFields(job) + [("EDGEDIAG_ERROR", error.description)])
  }

  /// A finding whose id the outbox already holds: an earlier capture of the same image queued it, and this one
  /// is not queued (nor sent) again.
  func findingAlreadyQueued(job: CaptureJob, finding: Finding) {
    journal.send(
      .findingAlreadyQueued,
      message: "capture \(name(job)): finding \(finding.idempotencyKey) is already in the outbox (the same image "
        + "as an earlier capture); not queued again",
      fields: [("EDGEDIAG_CAPTURE", job.id), ("EDGEDIAG_FINDING", finding.idempotencyKey)])
  }
}

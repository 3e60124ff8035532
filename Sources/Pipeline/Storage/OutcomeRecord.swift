/// The result of processing one capture, as the ledger keeps it.
public struct OutcomeRecord: Equatable, Sendable {
  public var outcome: Outcome
  /// Why the capture was rejected or failed, or which band an uncertain score fell in; empty otherwise.
  public var reason: String
  /// The deciding label and its score (see `Decision`); nil when no model ran.
  public var label: String?
  public var score: Float?
  /// Every class score in the model's output order; empty when no model ran.
  public var scores: [Float]
  /// The capture file's SHA-256 (hex); nil if the file could not be read.
  public var sha256: String?
  public var model: ModelIdentity?
  public var decodeMicroseconds: Int64?
  public var inferenceMicroseconds: Int64?
  /// When the outcome was recorded, nanoseconds since the Unix epoch.
  public var recordedAt: Int64

  public init(
    outcome: Outcome, reason: String = "", label: String? = nil, score: Float? = nil, scores: [Float] = [],
    sha256: String? = nil, model: ModelIdentity? = nil, decodeMicroseconds: Int64? = nil,
    inferenceMicroseconds: Int64? = nil, recordedAt: Int64
  ) {
    self.outcome = outcome
    self.reason = reason
    self.label = label
    self.score = score
    self.scores = scores
    self.sha256 = sha256
    self.model = model
    self.decodeMicroseconds = decodeMicroseconds
    self.inferenceMicroseconds = inferenceMicroseconds
    self.recordedAt = recordedAt
  }
}

/// Which model produced an outcome.
public struct ModelIdentity: Equatable, Sendable {
  public var name: String
  public var version: String
  /// The .tflite file's SHA-256 (hex).
  public var sha256: String

  public init(name: String, version: String, sha256: String) {
    self.name = name
    self.version = version
    self.sha256 = sha256
  }

  /// Journal fields naming the model.
  public var journalFields: [(String, String)] {
    [("EDGEDIAG_MODEL", name), ("EDGEDIAG_MODEL_VERSION", version), ("EDGEDIAG_MODEL_SHA256", sha256)]
  }
}

/// One ledger row: a capture, and its outcome once recorded.
public struct CaptureRecord: Equatable, Sendable {
  public var id: String
  public var key: CaptureKey
  /// How many times a worker started on the capture (more than 1 after crashes or hangs mid-capture).
  public var attempts: Int
  /// When it was last claimed, nanoseconds since the Unix epoch.
  public var claimedAt: Int64
  /// Nil while the capture is claimed but not yet recorded.
  public var outcome: OutcomeRecord?
}

/// Totals over the ledger.
public struct LedgerCounts: Equatable, Sendable {
  /// Captures with an outcome.
  public var done: Int
  /// Captures whose outcome is a finding.
  public var findings: Int
  /// Captures claimed but not yet recorded.
  public var pending: Int

  public init(done: Int, findings: Int, pending: Int) {
    self.done = done
    self.findings = findings
    self.pending = pending
  }
}

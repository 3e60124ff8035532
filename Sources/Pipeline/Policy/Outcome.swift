/// What became of one capture. Every capture the watcher claims ends with exactly one outcome.
public enum Outcome: String, Sendable, CaseIterable {
  /// The model ran and no finding label reached its uncertain band.
  case negative
  /// A finding label's score reached its threshold; the finding is forwarded.
  case finding
  /// A finding label's score fell in the band just below its threshold: a human should review the capture.
  case uncertain
  /// The file is not an acceptable capture (not a JPEG, too large, corrupt); the reason says why.
  case rejected
  /// The capture could not be processed (deadline exceeded, internal error); the reason says why.
  case failed
}

/// The ledger's answer to a claim: whether the capture should be processed now.
public enum Claim: Equatable, Sendable {
  /// First sight of this capture: process it.
  case new(String)
  /// Claimed by an earlier run that never recorded an outcome (it crashed or was killed): process it again.
  /// `attempts` counts the times a worker started on it (`Ledger.begin`), so a capture that keeps crashing or
  /// hanging the daemon can be recorded as failed, while one that only waited in the queue is tried again.
  case pending(String, attempts: Int)
  /// Already claimed in this run and still being processed (a second event for the same file): do nothing.
  case inProgress(String)
  /// Already has an outcome: do nothing.
  case alreadyRecorded(String)

  /// The capture id.
  public var id: String {
    switch self {
    case .new(let id), .pending(let id, _), .inProgress(let id), .alreadyRecorded(let id): return id
    }
  }

  /// True if the caller should process the capture now.
  public var shouldProcess: Bool {
    switch self {
    case .new, .pending: return true
    case .inProgress, .alreadyRecorded: return false
    }
  }
}

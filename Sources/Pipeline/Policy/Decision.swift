/// What the finding policy concludes from one capture's scores.
public struct Decision: Equatable, Sendable {
  /// `.finding`, `.uncertain` or `.negative`; `.failed` when the scores cannot be judged (see `reason`).
  public var outcome: Outcome
  /// The deciding label: the finding or uncertain label, or for a negative the top-scoring label. Nil when failed.
  public var label: String?
  public var score: Float?
  /// For uncertain and failed decisions, why; empty otherwise.
  public var reason: String

  public init(outcome: Outcome, label: String?, score: Float?, reason: String = "") {
    self.outcome = outcome
    self.label = label
    self.score = score
    self.reason = reason
  }
}

/// One evaluated capture: the truth, what the model and policy said, and the groups it belongs to.
public struct EvaluationRecord: Sendable {
  /// Whether the capture truly holds a finding.
  public var isFinding: Bool
  /// The model's finding score in [0, 1].
  public var score: Double
  /// The finding policy's outcome. Anything but `negative` and `finding` (uncertain, and rejected or failed
  /// captures) sends the capture to a person, so metrics count it as a positive call, a referral: a model
  /// cannot buy sensitivity by deferring without paying in specificity.
  public var decision: Outcome
  /// The subgroups the capture belongs to, e.g. `("site", "site-2")`; one value per attribute.
  public var subgroups: [Subgroup]

  public init(isFinding: Bool, score: Double, decision: Outcome, subgroups: [Subgroup] = []) {
    self.isFinding = isFinding
    self.score = score
    self.decision = decision
    self.subgroups = subgroups
  }
}

/// A subgroup: an attribute (such as "site") and one of its values.
public struct Subgroup: Sendable, Hashable {
  public var attribute: String
  public var value: String

  public init(_ attribute: String, _ value: String) {
    self.attribute = attribute
    self.value = value
  }
}

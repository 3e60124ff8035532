/// One evaluated capture: the truth, what the model and policy said, and the groups it belongs to.
public struct EvaluationRecord: Sendable {
  /// Whether the capture truly holds a finding.
  public var isFinding: Bool
  /// The model's finding score in [0, 1].
  public var score: Double
  /// The finding policy's call.
  public var call: Call
  /// The subgroups the capture belongs to, e.g. `("site", "site-2")`; one value per attribute.
  public var subgroups: [Subgroup]

  public init(isFinding: Bool, score: Double, call: Call, subgroups: [Subgroup] = []) {
    self.isFinding = isFinding
    self.score = score
    self.call = call
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

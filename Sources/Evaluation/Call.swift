/// What the model and policy said of one capture, as the metrics count it.
public enum Call: Sendable, Equatable {
  case finding
  case negative
  /// Sent to a person: an uncertain score, or a capture that was rejected or failed. Metrics count it as a
  /// positive call, so a model cannot buy sensitivity by deferring without paying in specificity.
  case referred
}

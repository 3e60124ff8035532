/// A finding to forward, as recorded together with its outcome.
///
/// The body is rendered once, when the outcome is recorded, and every delivery attempt sends exactly these
/// bytes: a receiver that checks the Idempotency-Key against the body sees the same body on every retry.
public struct Finding: Equatable, Sendable {
  /// The finding id (`FindingReport.findingID`), sent as the Idempotency-Key: one per image content, model and
  /// device, so the outbox holds at most one entry with it.
  public var idempotencyKey: String
  public var label: String
  public var score: Float
  /// The body's media type, e.g. `application/json` or `application/fhir+json`.
  public var contentType: String
  public var body: String

  public init(idempotencyKey: String, label: String, score: Float, contentType: String, body: String) {
    self.idempotencyKey = idempotencyKey
    self.label = label
    self.score = score
    self.contentType = contentType
    self.body = body
  }
}

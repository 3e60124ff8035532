import Formats

/// Renders findings into request bodies. A finding is rendered once, when its outcome is recorded, and stored in
/// the outbox: every delivery attempt sends the same bytes under the same Idempotency-Key.
public enum Payload {
  /// The outbox entry for `report` in `format`. With `fhir-r4`, `diagnosticReport` adds a DiagnosticReport
  /// that references the Observation.
  public static func finding(
    _ report: FindingReport, format: Configuration.ForwardFormat, diagnosticReport: Bool = false
  ) -> Finding {
    switch format {
    case .json:
      return Finding(
        idempotencyKey: report.findingID, label: report.label, score: report.score, contentType: "application/json",
        body: json(report).rendered)
    case .fhirR4:
      return Finding(
        idempotencyKey: report.findingID, label: report.label, score: report.score,
        contentType: "application/fhir+json",
        body: FHIRBundle.transaction(report, diagnosticReport: diagnosticReport).rendered)
    }
  }

  /// Version of the JSON document (`schema_version`), raised on any incompatible change of
  /// docs/finding.schema.json.
  public static let schemaVersion: Int64 = 1

  /// The `json` format, described by docs/finding.schema.json.
  public static func json(_ report: FindingReport) -> JSON {
    .object([
      ("schema_version", .integer(schemaVersion)),
      ("finding_id", .string(report.findingID)),
      ("capture_id", .string(report.captureID)),
      ("capture_sha256", .string(report.captureSHA256)),
      ("outcome", .string(report.outcome.rawValue)),
      ("label", .string(report.label)),
      ("score", .float(report.score)),
      ("threshold", .float(report.threshold)),
      (
        "scores",
        .array(report.classScores.map { .object([("label", .string($0.label)), ("score", .float($0.score))]) })
      ),
      (
        "model",
        .object([
          ("name", .string(report.model.name)), ("version", .string(report.model.version)),
          ("sha256", .string(report.model.sha256)),
        ])
      ),
      ("device_id", .string(report.deviceID)),
      ("edgediag_version", .string(edgediagVersion)),
      ("captured_at", .timestamp(report.capturedAt)),
      ("recorded_at", .timestamp(report.recordedAt)),
    ])
  }
}

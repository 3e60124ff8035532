import Formats

/// The `fhir-r4` format: a FHIR R4 transaction Bundle holding the finding as an Observation, the software that
/// produced it as a Device, and optionally a DiagnosticReport (see docs/forwarding.md).
///
/// Entries are created with `ifNoneExist` on edgediag identifiers and have name-based `urn:uuid` full URLs, so a
/// bundle that arrives twice creates nothing twice on a FHIR server.
enum FHIRBundle {
  static let labelSystem = "urn:edgediag:label"
  static let findingSystem = "urn:edgediag:finding"

  static func transaction(_ report: FindingReport, diagnosticReport: Bool) -> JSON {
    let deviceKey = report.deviceID + "/" + report.model.sha256 + "/" + edgediagVersion
    let deviceURL = "urn:uuid:" + NameBasedUUID.make(namespace: "device", name: deviceKey)
    let observationURL = "urn:uuid:" + NameBasedUUID.make(namespace: "observation", name: report.findingID)
    var entries: [JSON] = [
      entry(
        fullURL: observationURL, resource: observation(report, deviceURL: deviceURL), type: "Observation",
        identifier: (findingSystem, report.findingID)),
      entry(
        fullURL: deviceURL, resource: device(report, key: deviceKey), type: "Device",
        identifier: ("urn:edgediag:device-software", deviceKey)),
    ]
    if diagnosticReport {
      let reportURL = "urn:uuid:" + NameBasedUUID.make(namespace: "diagnostic-report", name: report.findingID)
      entries.append(
        entry(
          fullURL: reportURL, resource: self.diagnosticReport(report, observationURL: observationURL),
          type: "DiagnosticReport", identifier: (findingSystem, report.findingID)))
    }
    return .object([
      ("resourceType", .string("Bundle")),
      ("identifier", identifier(findingSystem, report.findingID)),
      ("type", .string("transaction")),
      ("timestamp", .timestamp(report.recordedAt)),
      ("entry", .array(entries)),
    ])
  }

  private static func entry(fullURL: String, resource: JSON, type: String, identifier: (String, String)) -> JSON {
    .object([
      ("fullUrl", .string(fullURL)),
      ("resource", resource),
      (
        "request",
        .object([
          ("method", .string("POST")), ("url", .string(type)),
          ("ifNoneExist", .string("identifier=" + identifier.0 + "|" + identifier.1)),
        ])
      ),
    ])
  }

  private static func observation(_ report: FindingReport, deviceURL: String) -> JSON {
    // POS and IND: a finding is a positive result, an uncertain one needs a human to decide.
    let interpretation =
      report.outcome == .finding ? ("POS", "Positive") : ("IND", "Indeterminate")
    var components: [JSON] = [
      component(
        code: coding("urn:edgediag:measure", "threshold", "Decision threshold"), value: report.threshold)
    ]
    components += report.classScores.map { component(code: coding(labelSystem, $0.label, $0.label), value: $0.score) }
    return .object([
      ("resourceType", .string("Observation")),
      ("meta", aiAsserted),
      (
        "identifier",
        .array([identifier(findingSystem, report.findingID), identifier("urn:edgediag:capture", report.captureID)])
      ),
      ("status", .string("preliminary")),
      (
        "category",
        .array([
          concept(coding("http://terminology.hl7.org/CodeSystem/observation-category", "imaging", "Imaging"))
        ])
      ),
      ("code", concept(coding(labelSystem, report.label, report.label), text: report.label)),
      ("effectiveDateTime", .timestamp(report.capturedAt)),
      ("issued", .timestamp(report.recordedAt)),
      ("valueQuantity", quantity(report.score)),
      (
        "interpretation",
        .array([
          concept(
            coding(
              "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", interpretation.0,
              interpretation.1))
        ])
      ),
      ("device", .object([("reference", .string(deviceURL))])),
      ("component", .array(components)),
    ])
  }

  private static func device(_ report: FindingReport, key: String) -> JSON {
    .object([
      ("resourceType", .string("Device")),
      (
        "identifier",
        .array([identifier("urn:edgediag:device", report.deviceID), identifier("urn:edgediag:device-software", key)])
      ),
      ("status", .string("active")),
      ("deviceName", .array([.object([("name", .string(report.model.name)), ("type", .string("model-name"))])])),
      (
        "version",
        .array([
          version("model", report.model.version), version("model-sha256", report.model.sha256),
          version("edgediag", edgediagVersion),
        ])
      ),
    ])
  }

  private static func diagnosticReport(_ report: FindingReport, observationURL: String) -> JSON {
    .object([
      ("resourceType", .string("DiagnosticReport")),
      ("meta", aiAsserted),
      ("identifier", .array([identifier(findingSystem, report.findingID)])),
      ("status", .string("preliminary")),
      ("code", concept(coding(labelSystem, report.label, report.label), text: report.label)),
      ("effectiveDateTime", .timestamp(report.capturedAt)),
      ("issued", .timestamp(report.recordedAt)),
      ("result", .array([.object([("reference", .string(observationURL))])])),
    ])
  }

  /// `meta.security` AIAST: the content was asserted by an artificial intelligence, not a clinician.
  private static let aiAsserted = JSON.object([
    (
      "security",
      .array([
        coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "AIAST", "Artificial Intelligence asserted")
      ])
    )
  ])

  private static func coding(_ system: String, _ code: String, _ display: String) -> JSON {
    .object([("system", .string(system)), ("code", .string(code)), ("display", .string(display))])
  }

  private static func concept(_ coding: JSON, text: String? = nil) -> JSON {
    var members: [(String, JSON)] = [("coding", .array([coding]))]
    if let text { members.append(("text", .string(text))) }
    return .object(members)
  }

  private static func identifier(_ system: String, _ value: String) -> JSON {
    .object([("system", .string(system)), ("value", .string(value))])
  }

  /// A dimensionless score (UCUM unit "1").
  private static func quantity(_ value: Float) -> JSON {
    .object([
      ("value", .float(value)), ("unit", .string("score")), ("system", .string("http://unitsofmeasure.org")),
      ("code", .string("1")),
    ])
  }

  private static func component(code: JSON, value: Float) -> JSON {
    .object([("code", concept(code)), ("valueQuantity", quantity(value))])
  }

  private static func version(_ type: String, _ value: String) -> JSON {
    .object([("type", .object([("text", .string(type))])), ("value", .string(value))])
  }
}

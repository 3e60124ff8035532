import Foundation
import Pipeline
import Testing

extension FindingReport {
  /// A finding as a worker would report it; `id` varies the ids.
  static func example(_ id: String = "c0ffee01", outcome: Outcome = .finding) -> FindingReport {
    FindingReport(
      findingID: id, captureID: id, captureSHA256: String(repeating: "ab", count: 32), outcome: outcome,
      label: "pneumothorax", score: 0.9, threshold: 0.75,
      classScores: [
        ClassScore(label: "normal", score: 0.0625), ClassScore(label: "pneumothorax", score: 0.9),
        ClassScore(label: "effusion", score: 0.0375),
      ],
      model: ModelIdentity(name: "demo-chest", version: "1.2.0", sha256: String(repeating: "0f", count: 32)),
      deviceID: "ward-3-xray", capturedAt: 1_767_225_600_123_000_000, recordedAt: 1_767_225_601_456_789_000)
  }
}

struct PayloadTests {
  func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The finding id as README's "Identity of a capture" defines it; the expected value is
  /// `printf 'ward-3-xray\0%s\0%s' "$(printf 'ab%.0s' {1..32})" "$(printf '0f%.0s' {1..32})" | sha256sum | cut -c1-32`.
  @Test func theFindingIDNamesDeviceModelAndImageContent() {
    let model = String(repeating: "ab", count: 32)
    let image = String(repeating: "0f", count: 32)
    let id = FindingReport.findingID(deviceID: "ward-3-xray", modelSHA256: model, imageSHA256: image)
    #expect(id == "c133ad80eee852ed3b89d8221553e1f5")
    #expect(FindingReport.findingID(deviceID: "ward-4-xray", modelSHA256: model, imageSHA256: image) != id)
    #expect(FindingReport.findingID(deviceID: "ward-3-xray", modelSHA256: image, imageSHA256: model) != id)
  }

  @Test func jsonCarriesTheDocumentedFields() throws {
    let finding = Payload.finding(.example(), format: .json)
    #expect(finding.contentType == "application/json")
    #expect(finding.label == "pneumothorax")
    let body = try object(finding.body)
    #expect(body["finding_id"] as? String == "c0ffee01")
    #expect(body["outcome"] as? String == "finding")
    #expect(body["score"] as? Double == 0.9)
    #expect(body["threshold"] as? Double == 0.75)
    #expect(body["captured_at"] as? String == "2026-01-01T00:00:00.123Z")
    #expect(body["recorded_at"] as? String == "2026-01-01T00:00:01.456Z")
    #expect(body["edgediag_version"] as? String == edgediagVersion)
    let scores = try #require(body["scores"] as? [[String: Any]])
    #expect(scores.map { $0["label"] as? String } == ["normal", "pneumothorax", "effusion"])
    #expect(scores.map { $0["score"] as? Double } == [0.0625, 0.9, 0.0375])
    #expect((body["model"] as? [String: String])?["version"] == "1.2.0")
  }

  @Test func jsonValidatesAgainstTheSchema() throws {
    let bodies =
      [Payload.finding(.example(), format: .json).body]
      + [Payload.finding(.example("c0ffee02", outcome: .uncertain), format: .json).body]
    #expect(try TestReceiver.problems(validating: "json", bodies) == "")
    // The schema does reject what it should: a payload without its finding id.
    let broken = bodies[0].replacingOccurrences(of: #""finding_id":"c0ffee01","#, with: "")
    #expect(try TestReceiver.problems(validating: "json", [broken]).contains("finding_id"))
  }

  @Test func fhirBundlesValidateAsR4() throws {
    let bodies = [
      Payload.finding(.example(), format: .fhirR4).body,
      Payload.finding(.example("c0ffee02", outcome: .uncertain), format: .fhirR4, diagnosticReport: true).body,
    ]
    #expect(try TestReceiver.problems(validating: "fhir", bodies) == "")
    // The validator does reject what it should: an Observation without its required status, a score that is
    // not a decimal.
    let withoutStatus = bodies[0].replacingOccurrences(of: #""status":"preliminary","#, with: "")
    #expect(try TestReceiver.problems(validating: "fhir", [withoutStatus]).contains("status"))
    let badScore = bodies[0].replacingOccurrences(of: #""value":0.9,"#, with: #""value":"high","#)
    #expect(try TestReceiver.problems(validating: "fhir", [badScore]).contains("value"))
  }

  @Test func fhirObservationIsAIAssertedAndReferencesItsDevice() throws {
    let finding = Payload.finding(.example(), format: .fhirR4, diagnosticReport: true)
    #expect(finding.contentType == "application/fhir+json")
    let bundle = try object(finding.body)
    #expect(bundle["type"] as? String == "transaction")
    let entries = try #require(bundle["entry"] as? [[String: Any]])
    let resources = entries.compactMap { $0["resource"] as? [String: Any] }
    #expect(resources.map { $0["resourceType"] as? String } == ["Observation", "Device", "DiagnosticReport"])
    let (observation, device, report) = (resources[0], resources[1], resources[2])
    #expect(observation["status"] as? String == "preliminary")
    let security = try #require((observation["meta"] as? [String: Any])?["security"] as? [[String: String]])
    #expect(security.first?["code"] == "AIAST")
    #expect(security.first?["system"] == "http://terminology.hl7.org/CodeSystem/v3-ObservationValue")
    let coding = try #require(((observation["code"] as? [String: Any])?["coding"] as? [[String: String]])?.first)
    #expect(coding["system"] == "urn:edgediag:label")
    #expect(coding["code"] == "pneumothorax")
    #expect((observation["valueQuantity"] as? [String: Any])?["value"] as? Double == 0.9)
    #expect((observation["device"] as? [String: String])?["reference"] == entries[1]["fullUrl"] as? String)
    #expect(((report["result"] as? [[String: String]])?.first)?["reference"] == entries[0]["fullUrl"] as? String)
    let names = try #require(device["deviceName"] as? [[String: String]])
    #expect(names == [["name": "demo-chest", "type": "model-name"]])
    let versions = try #require(device["version"] as? [[String: Any]])
    #expect(
      versions.compactMap { $0["value"] as? String } == ["1.2.0", String(repeating: "0f", count: 32), edgediagVersion])
    for entry in entries {
      let url = try #require(entry["fullUrl"] as? String)
      #expect(
        url.range(
          of: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
          options: .regularExpression) != nil)
      let request = try #require(entry["request"] as? [String: String])
      #expect(request["method"] == "POST")
      #expect(request["ifNoneExist"]?.hasPrefix("identifier=urn:edgediag:") == true)
    }
  }

  @Test func rendersDeterministicallyWithIdsFromTheFinding() throws {
    let first = Payload.finding(.example(), format: .fhirR4).body
    #expect(first == Payload.finding(.example(), format: .fhirR4).body)
    let other = try object(Payload.finding(.example("c0ffee02"), format: .fhirR4).body)
    let urls = { (bundle: [String: Any]) in (bundle["entry"] as? [[String: Any]] ?? []).map { $0["fullUrl"] as? String }
    }
    let firstURLs = urls(try object(first))
    // Another finding: another Observation; the same device and model: the same Device.
    #expect(firstURLs[0] != urls(other)[0])
    #expect(firstURLs[1] == urls(other)[1])
  }

  @Test func namesNoFile() {
    for format in Configuration.ForwardFormat.allCases {
      let body = Payload.finding(.example(), format: format, diagnosticReport: true).body
      #expect(!body.contains("/var/") && !body.contains(".jpg"))
    }
  }
}

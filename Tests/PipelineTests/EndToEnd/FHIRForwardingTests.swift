import Foundation
import Pipeline
import Testing

extension EndToEnd {
  /// The daemon configured for FHIR: each finding reaches the receiver as a valid R4 transaction Bundle, with a
  /// DiagnosticReport when the configuration asks for one.
  @Suite struct FHIRForwarding {
    @Test func findingsArriveAsBundlesWithTheConfiguredDiagnosticReport() throws {
      let receiver = try TestReceiver()
      let fixture = try DaemonFixture(
        forward: """
          url = \(receiver.url)
          ca_file = \(TestReceiver.caFile)
          format = fhir-r4
          fhir_diagnostic_report = yes

          """, findingThreshold: 0.3)
      let daemon = try fixture.start()
      for seed in 0..<12 {
        CaptureWriter.renameIn(Captures.jpeg(seed: UInt64(100 + seed)), to: fixture.path("IMG_\(seed).jpg"))
      }
      let outcomes = try fixture.waitForOutcomes(count: 12, timeout: 30)
      let findings = Set(
        outcomes.filter { $0.outcome == "finding" }.map { fixture.findingID(imageSHA256: $0.sha256 ?? "") })
      try #require(!findings.isEmpty, "no finding among 12 captures: \(outcomes.map(\.outcome))")
      let deadline = Date().addingTimeInterval(30)
      while Set(receiver.acceptedKeys()) != findings && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
      #expect(daemon.terminate() == 0)

      #expect(Set(receiver.acceptedKeys()) == findings)
      let bodies = receiver.requests().compactMap { $0["body"] as? String }
      #expect(try TestReceiver.problems(validating: "fhir", bodies) == "")
      for body in bodies {
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(bundle["type"] as? String == "transaction")
        let types = (bundle["entry"] as? [[String: Any]] ?? []).map {
          ($0["resource"] as? [String: Any])?["resourceType"] as? String
        }
        #expect(types == ["Observation", "Device", "DiagnosticReport"])
      }
      let contentTypes = receiver.requests().compactMap { ($0["headers"] as? [String: String])?["content-type"] }
      #expect(Set(contentTypes) == ["application/fhir+json"])
    }
  }
}

import Foundation
import Pipeline
import Testing

extension EndToEnd {
  /// A finding is named by the image's content, the model and the device (README, "Identity of a capture"): the
  /// same bytes arriving again under another name, or touched, are new captures with outcomes of their own, but
  /// the same finding, which reaches the receiver once, under one Idempotency-Key.
  @Suite struct FindingIdentity {
    @Test func theSameBytesAgainAreTheSameFindingAndAnotherImageIsAnother() throws {
      let receiver = try TestReceiver()
      // Both labels are findings at 0.2: with two softmax scores, one is always at least about 0.5.
      let fixture = try DaemonFixture(
        forward: """
          url = \(receiver.url)
          ca_file = \(TestReceiver.caFile)

          """, findingThreshold: 0.2, findings: ["normal", "lesion"])
      let daemon = try fixture.start()
      let image = Captures.jpeg(seed: 31)
      CaptureWriter.renameIn(image, to: fixture.path("IMG_0001.jpg"))
      _ = try fixture.waitForOutcomes(count: 1, timeout: 30)
      CaptureWriter.renameIn(image, to: fixture.path("IMG_0001_copy.jpg"))
      _ = try fixture.waitForOutcomes(count: 2, timeout: 30)
      // As touch(1) does: open for writing, set the times, close. inotify reports the close, and the new mtime
      // makes the file a new capture.
      let touched = open(fixture.path("IMG_0001.jpg"), O_WRONLY)
      futimens(touched, nil)
      close(touched)
      _ = try fixture.waitForOutcomes(count: 3, timeout: 30)
      let other = Captures.jpeg(seed: 32)
      CaptureWriter.renameIn(other, to: fixture.path("IMG_0002.jpg"))
      let outcomes = try fixture.waitForOutcomes(count: 4, timeout: 30)
      let deadline = Date().addingTimeInterval(30)
      while receiver.requests().count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
      // Time for a wrongly queued third delivery to arrive.
      Thread.sleep(forTimeInterval: 1)
      #expect(daemon.terminate() == 0)

      try #require(outcomes.count == 4, "outcomes: \(outcomes.map { "\($0.name) \($0.outcome)" })")
      #expect(outcomes.allSatisfy { $0.outcome == "finding" }, "\(outcomes.map(\.outcome))")
      #expect(Set(outcomes.map(\.capture)).count == 4, "each capture keeps an outcome of its own")
      func expectedKey(_ bytes: [UInt8]) -> String { fixture.findingID(imageSHA256: SHA256.hex(of: bytes)) }
      let requests = receiver.requests()
      let keys = requests.compactMap { ($0["headers"] as? [String: String])?["idempotency-key"] }
      #expect(keys == [expectedKey(image), expectedKey(other)])
      let findingIDs = requests.compactMap { request -> String? in
        guard let body = request["body"] as? String,
          let document = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        else { return nil }
        return document["finding_id"] as? String
      }
      #expect(findingIDs == keys)

      // The journal names each delivery by its finding and the capture that queued it, and says at info level
      // that the copy's and the touched file's finding was not queued again.
      let captureOf = Dictionary(outcomes.map { ($0.name, $0.capture) }, uniquingKeysWith: { first, _ in first })
      let log = daemon.log.split(separator: "\n")
      let delivered = log.filter { $0.hasPrefix("info: finding ") && $0.contains(" delivered ") }
      #expect(
        delivered.contains {
          $0.contains("EDGEDIAG_FINDING=\(expectedKey(image))")
            && $0.contains("EDGEDIAG_CAPTURE=\(captureOf["IMG_0001.jpg"] ?? "?")")
        }, "\(delivered)")
      let notQueued = log.filter { $0.hasPrefix("info: capture ") && $0.contains("not queued again") }
      #expect(notQueued.count == 2, "\(notQueued)")
      let copy = captureOf["IMG_0001_copy.jpg"] ?? "?"
      #expect(notQueued.contains { $0.contains("EDGEDIAG_CAPTURE=\(copy)") && $0.contains(expectedKey(image)) })
    }
  }
}

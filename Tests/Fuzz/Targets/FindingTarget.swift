import Foundation
import Pipeline

/// A finding whose every field comes from the input (any bytes in its strings, any bit pattern in its scores),
/// rendered in both payload formats: each body must parse as JSON, and the `json` format must give back the
/// strings and scores it was built from (non-finite scores as null).
enum FindingTarget {
  static func run(_ bytes: [UInt8]) {
    var input = Input(bytes: bytes)
    let classes = (0..<Int(input.byte() % 4)).map { _ in ClassScore(label: input.string(), score: input.float()) }
    let report = FindingReport(
      findingID: input.string(), captureID: input.string(), captureSHA256: input.string(),
      outcome: input.byte() % 2 == 0 ? .finding : .uncertain, label: input.string(), score: input.float(),
      threshold: input.float(), classScores: classes,
      model: ModelIdentity(name: input.string(), version: input.string(), sha256: input.string()),
      deviceID: input.string(), capturedAt: input.int64(), recordedAt: input.int64())

    let json = parse(Payload.finding(report, format: .json).body)
    check(json["finding_id"], is: report.findingID)
    check(json["capture_id"], is: report.captureID)
    check(json["label"], is: report.label)
    check(json["device_id"], is: report.deviceID)
    check(json["score"], is: report.score)
    check(json["threshold"], is: report.threshold)
    let scores = json["scores"] as? [[String: Any]] ?? []
    precondition(scores.count == classes.count, "class scores lost")
    for (parsed, original) in zip(scores, classes) {
      check(parsed["label"], is: original.label)
      check(parsed["score"], is: original.score)
    }
    for diagnosticReport in [false, true] {
      _ = parse(Payload.finding(report, format: .fhirR4, diagnosticReport: diagnosticReport).body)
    }
  }

  private static func parse(_ body: String) -> [String: Any] {
    do {
      guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
        fatalError("a payload is not a JSON object: \(body)")
      }
      return object
    } catch {
      fatalError("a payload does not parse as JSON (\(error)): \(body)")
    }
  }

  private static func check(_ parsed: Any?, is original: String) {
    precondition(parsed as? String == original, "a string did not round-trip through JSON")
  }

  private static func check(_ parsed: Any?, is original: Float) {
    guard original.isFinite else {
      precondition(parsed is NSNull, "a non-finite score is not null")
      return
    }
    precondition((parsed as? NSNumber).map { Float($0.doubleValue) } == original, "a score did not round-trip")
  }

  /// Reads the fields of a finding from the input, front to back; past its end, fields are empty or zero.
  private struct Input {
    var bytes: [UInt8]
    var position = 0

    mutating func byte() -> UInt8 {
      guard position < bytes.count else { return 0 }
      defer { position += 1 }
      return bytes[position]
    }

    /// A length byte, then that many bytes, decoded as UTF-8 (invalid sequences become U+FFFD, as they would
    /// when a label or name is read from a file).
    mutating func string() -> String {
      let count = Int(byte() % 64)
      let end = min(position + count, bytes.count)
      defer { position = end }
      return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    mutating func float() -> Float {
      Float(bitPattern: (0..<4).reduce(0) { value, _ in value << 8 | UInt32(byte()) })
    }

    mutating func int64() -> Int64 {
      Int64(bitPattern: (0..<8).reduce(0) { value, _ in value << 8 | UInt64(byte()) })
    }
  }
}

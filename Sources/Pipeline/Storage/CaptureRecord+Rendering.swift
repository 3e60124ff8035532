import Formats
import Platform

extension CaptureRecord {
  /// The capture's outcome as `outcomes --json` prints it. A file name that is not UTF-8 cannot be a JSON string:
  /// `file` then holds it escaped for display, and `file_hex` its exact bytes.
  public var json: JSON {
    var members: [(String, JSON)] = [("capture", .string(id)), ("file", .string(key.path.text ?? key.path.displayed))]
    if key.path.text == nil { members.append(("file_hex", .string(Hex.encode(key.path.bytes)))) }
    if let outcome {
      members += [
        ("outcome", .string(outcome.outcome.rawValue)), ("label", .optional(outcome.label)),
        ("score", outcome.score.map(JSON.float) ?? .null), ("reason", .string(outcome.reason)),
        ("model", .optional(outcome.model.map { "\($0.name) \($0.version)" })),
        ("model_sha256", .optional(outcome.model?.sha256)), ("sha256", .optional(outcome.sha256)),
        ("time", .string(WallClock.iso8601(nanosecondsSinceEpoch: outcome.recordedAt))),
      ]
      if let microseconds = outcome.decodeMicroseconds { members.append(("decode_us", .integer(microseconds))) }
      if let microseconds = outcome.inferenceMicroseconds { members.append(("inference_us", .integer(microseconds))) }
    } else {
      members += [("outcome", .null), ("claimed", .string(WallClock.iso8601(nanosecondsSinceEpoch: claimedAt)))]
    }
    return .object(members)
  }

  /// One line for people: time, capture id, outcome and label, file; the name and reason escaped for display.
  public var summary: String {
    let path = key.path.displayed
    guard let outcome else { return "(pending)  \(id)  \(path)" }
    let detail =
      switch outcome.outcome {
      case .rejected, .failed: escapedForDisplay(outcome.reason)
      default: "\(outcome.label ?? "") \(outcome.score.map { $0.description } ?? "")"
      }
    return
      "\(WallClock.iso8601(nanosecondsSinceEpoch: outcome.recordedAt, fractionDigits: 0))  \(id)  \(outcome.outcome.rawValue)  \(detail)  \(path)"
  }
}

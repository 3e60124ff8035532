import Formats

extension Classification {
  /// One line for people: `finding parasite (0.93)`, `rejected: corrupt: …`.
  public var summary: String {
    switch outcome {
    case .rejected, .failed: "\(outcome.rawValue): \(reason)"
    default: "\(outcome.rawValue) \(label ?? "") (\(score.map { $0.description } ?? "-"))"
    }
  }

  /// The JSON object `classify --json` prints for one file.
  public func json(file: String, labels: [String]) -> JSON {
    var members: [(String, JSON)] = [
      ("file", .string(file)), ("outcome", .string(outcome.rawValue)), ("label", .optional(label)),
      ("score", score.map(JSON.float) ?? .null),
    ]
    if !scores.isEmpty {
      members.append(("scores", .object(zip(labels, scores).map { ($0, .float($1)) })))
    }
    if !reason.isEmpty { members.append(("reason", .string(reason))) }
    if let decodeMicroseconds { members.append(("decode_us", .integer(decodeMicroseconds))) }
    if let inferenceMicroseconds { members.append(("inference_us", .integer(inferenceMicroseconds))) }
    return .object(members)
  }
}

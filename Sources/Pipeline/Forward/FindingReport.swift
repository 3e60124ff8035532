import Formats
import Platform

/// Everything a forwarded finding tells the receiver: the input of both payload formats (see docs/forwarding.md).
/// It carries no file name or path, and no patient data.
public struct FindingReport: Equatable, Sendable {
  /// Sent as the Idempotency-Key: `findingID(deviceID:modelSHA256:imageSHA256:)`, the same for every capture
  /// of the same bytes.
  public var findingID: String
  public var captureID: String
  /// The capture file's SHA-256, lowercase hex.
  public var captureSHA256: String
  /// `.finding`, or `.uncertain` when uncertain outcomes are forwarded for review.
  public var outcome: Outcome
  /// The deciding label, its score, and the threshold it was compared with.
  public var label: String
  public var score: Float
  public var threshold: Float
  /// Every class of the model with its score, in the model's output order.
  public var classScores: [ClassScore]
  public var model: ModelIdentity
  public var deviceID: String
  /// When the capture was written (its modification time) and when the outcome was recorded, nanoseconds since
  /// the Unix epoch.
  public var capturedAt: Int64
  public var recordedAt: Int64

  public init(
    findingID: String, captureID: String, captureSHA256: String, outcome: Outcome, label: String, score: Float,
    threshold: Float, classScores: [ClassScore], model: ModelIdentity, deviceID: String, capturedAt: Int64,
    recordedAt: Int64
  ) {
    self.findingID = findingID
    self.captureID = captureID
    self.captureSHA256 = captureSHA256
    self.outcome = outcome
    self.label = label
    self.score = score
    self.threshold = threshold
    self.classScores = classScores
    self.model = model
    self.deviceID = deviceID
    self.capturedAt = capturedAt
    self.recordedAt = recordedAt
  }
}

/// One class of the model's output and its score.
public struct ClassScore: Equatable, Sendable {
  public var label: String
  public var score: Float

  public init(label: String, score: Float) {
    self.label = label
    self.score = score
  }
}

extension JSON {
  /// An RFC 3339 UTC timestamp with milliseconds.
  static func timestamp(_ nanosecondsSinceEpoch: Int64) -> JSON {
    .string(WallClock.iso8601(nanosecondsSinceEpoch: nanosecondsSinceEpoch, fractionDigits: 3))
  }
}

/// What to do with an outbox entry after one delivery attempt.
public enum DeliveryDecision: Equatable, Sendable {
  /// The receiver has it (2xx): mark it delivered.
  case delivered
  /// Try again after the delay. `isError` marks failures that will not pass by themselves (a rejected
  /// certificate, refused credentials): they are still retried, but reported as errors each time.
  case retry(afterMilliseconds: Int64, reason: String, isError: Bool)
  /// The receiver refused this payload for good: park it (an operator can retry it with `edgediag outbox retry`).
  case failed(reason: String)
}

/// The retry rules, as a pure function of an attempt's result (see docs/forwarding.md):
/// - 2xx: delivered.
/// - Transport failures, 408, 429 and 5xx: retried with exponential backoff and full jitter (a uniform delay in
///   0...min(cap, base·2^attempt)), so that many devices coming back together do not arrive together. A
///   `Retry-After` on 429 or 503 replaces the backoff, capped at the same maximum.
/// - 401 and 403: retried with backoff and reported as errors; credentials can be fixed (a rotated token file is
///   read at each attempt) without touching the outbox.
/// - Certificate problems: likewise retried and reported as errors.
/// - Any other status (other 4xx, and 3xx since redirects are not followed): failed.
public struct DeliveryPolicy: Sendable {
  public var baseDelayMilliseconds: Int64
  public var maximumDelayMilliseconds: Int64

  public init(baseDelayMilliseconds: Int64 = 1000, maximumDelayMilliseconds: Int64 = 300_000) {
    precondition(baseDelayMilliseconds > 0 && maximumDelayMilliseconds >= baseDelayMilliseconds)
    self.baseDelayMilliseconds = baseDelayMilliseconds
    self.maximumDelayMilliseconds = maximumDelayMilliseconds
  }

  /// Decides after attempt number `attempt` (0 for the first) ended in `result`. `now` (nanoseconds since the
  /// epoch) resolves a `Retry-After` date; `random` draws the jitter.
  public func decide<Random: RandomNumberGenerator>(
    _ result: Result<HTTPResponse, ForwardError>, attempt: Int, now: Int64, using random: inout Random
  ) -> DeliveryDecision {
    let response: HTTPResponse
    switch result {
    case .failure(let error):
      return .retry(
        afterMilliseconds: backoffMilliseconds(attempt: attempt, using: &random), reason: error.description,
        isError: error.isConfigurationProblem)
    case .success(let value): response = value
    }
    let status = response.status
    switch status {
    case 200...299:
      return .delivered
    case 429, 503:
      if let retryAfter = response.retryAfter {
        let delay = min(retryAfter.delayMilliseconds(now: now), maximumDelayMilliseconds)
        return .retry(afterMilliseconds: delay, reason: "HTTP \(status) (Retry-After)", isError: false)
      }
      return .retry(
        afterMilliseconds: backoffMilliseconds(attempt: attempt, using: &random), reason: "HTTP \(status)",
        isError: false)
    case 408, 500...599:
      return .retry(
        afterMilliseconds: backoffMilliseconds(attempt: attempt, using: &random), reason: "HTTP \(status)",
        isError: false)
    case 401, 403:
      return .retry(
        afterMilliseconds: backoffMilliseconds(attempt: attempt, using: &random),
        reason: "HTTP \(status): the receiver refused the credentials", isError: true)
    default:
      let detail = response.bodyExcerpt.isEmpty ? "" : ": " + response.bodyExcerpt
      return .failed(reason: "HTTP \(status)\(detail)")
    }
  }

  /// A uniform draw from 0...min(cap, base·2^attempt) ("full jitter").
  public func backoffMilliseconds<Random: RandomNumberGenerator>(attempt: Int, using random: inout Random) -> Int64 {
    // Past 2^20 times the base, every realistic cap has been reached; the bound keeps the shift from overflowing.
    let exponent = min(max(attempt, 0), 20)
    let ceiling = min(maximumDelayMilliseconds, baseDelayMilliseconds << Int64(exponent))
    return Int64.random(in: 0...ceiling, using: &random)
  }
}

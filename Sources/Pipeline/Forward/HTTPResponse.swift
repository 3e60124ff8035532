/// What a receiver answered: enough to decide whether the delivery is done, to retry, or to give up.
public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  /// The `Retry-After` header, if the receiver sent one that parses.
  public var retryAfter: RetryAfter?
  /// The start of the response body, printable ASCII only, for the reason of a failed delivery.
  public var bodyExcerpt: String

  public init(status: Int, retryAfter: RetryAfter? = nil, bodyExcerpt: String = "") {
    self.status = status
    self.retryAfter = retryAfter
    self.bodyExcerpt = bodyExcerpt
  }
}

/// A `Retry-After` value (RFC 9110 §10.2.3): a delay, or a date.
public enum RetryAfter: Sendable, Equatable {
  case seconds(Int64)
  /// An HTTP-date, as seconds since the Unix epoch.
  case date(secondsSinceEpoch: Int64)

  /// Parses the header's value; nil for anything else (which the policy then treats as absent).
  public init?(headerValue: String) {
    let value = headerValue.trimmingASCIIWhitespace
    if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
      // A huge delay is as good as "much later"; the policy caps it anyway.
      self = .seconds(value.utf8.count > 9 ? 999_999_999 : Int64(value) ?? 0)
    } else if let date = HTTPDate.parse(value) {
      self = .date(secondsSinceEpoch: date)
    } else {
      return nil
    }
  }

  /// The delay in milliseconds from `now` (nanoseconds since the epoch); never negative.
  public func delayMilliseconds(now: Int64) -> Int64 {
    switch self {
    case .seconds(let seconds): return seconds * 1000
    case .date(let date): return max(0, date * 1000 - now / 1_000_000)
    }
  }
}

extension String {
  var trimmingASCIIWhitespace: String {
    let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    let bytes = Array(utf8)
    guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(decoding: bytes[first...last], as: UTF8.self)
  }
}

import Platform

/// Bounds how many captures are decoded at once, across all workers (`[workers] max_decodes`). Decoding is the
/// step whose memory grows with the image (up to `[capture] max_decode_memory_bytes` each, for libjpeg), so the
/// gate keeps the total under `max_decodes` times that however many workers run.
public final class DecodeGate: Sendable {
  private let running = Locked(0)
  private let freed = Condition()

  public init() {}

  /// Runs `body` once fewer than `limit` decodes are running, counting it as one while it runs. The limit is
  /// passed each time, so a reload that changes it takes effect with the next decode.
  public func withSlot<Result, Failure: Error>(
    limit: Int, _ body: () throws(Failure) -> Result
  ) throws(Failure) -> Result {
    _ = running.withLock(waitingOn: freed, until: { $0 < limit }) { $0 += 1 }
    defer {
      running.withLock { $0 -= 1 }
      freed.broadcast()
    }
    return try body()
  }
}

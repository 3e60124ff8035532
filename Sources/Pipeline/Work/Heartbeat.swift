import Platform
import Synchronization

/// What one worker is doing, published for the watchdog verdict: the monotonic time it started its current
/// capture, or 0 while it waits for work. Written by the worker, read by the main loop, without locks.
public final class Heartbeat: Sendable {
  private let busySince = Atomic<Int64>(0)

  public init() {}

  /// The worker started a capture.
  public func beginJob(at now: MonotonicInstant = .now) {
    busySince.store(max(now.nanoseconds, 1), ordering: .releasing)
  }

  /// The worker finished its capture and is idle.
  public func endJob() { busySince.store(0, ordering: .releasing) }

  /// How long the current capture has taken so far, or nil while idle.
  public func busyNanoseconds(at now: MonotonicInstant = .now) -> Int64? {
    let since = busySince.load(ordering: .acquiring)
    return since == 0 ? nil : now.nanoseconds - since
  }
}

import CPlatform

/// A point on the monotonic clock, in nanoseconds since an unspecified start (boot). It never jumps with
/// wall-clock changes, so it measures intervals and deadlines.
public struct MonotonicInstant: Comparable, Hashable, Sendable {
  public var nanoseconds: Int64

  public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  /// The current instant.
  /// The corresponding C function is `clock_gettime(CLOCK_MONOTONIC)`.
  public static var now: MonotonicInstant {
    MonotonicInstant(nanoseconds: clockNanoseconds(CLOCK_MONOTONIC))
  }

  /// Microseconds, the unit of systemd's `MONOTONIC_USEC` and watchdog settings.
  public var microseconds: Int64 { nanoseconds / 1000 }

  public func advanced(byNanoseconds delta: Int64) -> MonotonicInstant {
    MonotonicInstant(nanoseconds: nanoseconds + delta)
  }

  /// Nanoseconds from `earlier` to `self`.
  public func nanoseconds(since earlier: MonotonicInstant) -> Int64 { nanoseconds - earlier.nanoseconds }

  public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

  var timespec: timespec { CPlatform.timespec(nanoseconds: nanoseconds) }
}

extension timespec {
  init(nanoseconds: Int64) {
    self.init(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
  }

  var nanoseconds: Int64 { Int64(tv_sec) * 1_000_000_000 + Int64(tv_nsec) }
}

/// Reads `clock`, which is one of the clocks every Linux has: it cannot fail.
func clockNanoseconds(_ clock: clockid_t) -> Int64 {
  var time = timespec()
  let result = clock_gettime(clock, &time)
  precondition(result == 0, "clock_gettime failed")
  return time.nanoseconds
}

import CPlatform

/// A timer on the monotonic clock that becomes readable when it expires, so that it can join an `Epoll`.
public final class TimerFD {
  public let descriptor: FileDescriptor

  /// Creates a disarmed timer. With `nonBlocking`, reading an unexpired timer yields 0 instead of waiting.
  /// The corresponding C function is `timerfd_create(CLOCK_MONOTONIC)`.
  public init(nonBlocking: Bool = false) throws(Errno) {
    let flags = Int32(TFD_CLOEXEC) | (nonBlocking ? Int32(TFD_NONBLOCK) : 0)
    descriptor = FileDescriptor(owning: try retryingInterrupts { timerfd_create(CLOCK_MONOTONIC, flags) }.get())
  }

  /// Arms the timer to expire after `delayNanoseconds` (must be positive), then every `intervalNanoseconds`
  /// (0: once).
  /// The corresponding C function is `timerfd_settime`.
  public func arm(afterNanoseconds delayNanoseconds: Int64, intervalNanoseconds: Int64 = 0) throws(Errno) {
    precondition(delayNanoseconds > 0, "a zero delay would disarm the timer")
    precondition(intervalNanoseconds >= 0, "negative timer interval")
    try set(delayNanoseconds, intervalNanoseconds)
  }

  /// Stops the timer; pending expirations are discarded.
  /// The corresponding C function is `timerfd_settime`.
  public func disarm() throws(Errno) {
    try set(0, 0)
  }

  /// The number of expirations since the last read (waits for one unless non-blocking, where 0 means none).
  /// The corresponding C function is `read`.
  public func readExpirations() throws(Errno) -> UInt64 {
    var expirations: UInt64 = 0
    let result = retryingInterrupts { systemRead(descriptor.rawValue, &expirations, 8) }
    if case .failure(let error) = result, error == .resourceTemporarilyUnavailable { return 0 }
    let count = try result.get()
    precondition(count == 8, "timerfd read returned a partial count")
    return expirations
  }

  private func set(_ delay: Int64, _ interval: Int64) throws(Errno) {
    var specification = itimerspec(it_interval: timespec(nanoseconds: interval), it_value: timespec(nanoseconds: delay))
    try nothingOrErrno(retrying: { timerfd_settime(descriptor.rawValue, 0, &specification, nil) }).get()
  }
}

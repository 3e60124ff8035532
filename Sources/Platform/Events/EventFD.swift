import CPlatform

/// A counter that other threads bump to wake an `Epoll` loop: readable while nonzero.
public final class EventFD: @unchecked Sendable {
  public let descriptor: FileDescriptor

  /// Creates a non-blocking counter at zero.
  /// The corresponding C function is `eventfd`.
  public init() throws(Errno) {
    descriptor = FileDescriptor(
      owning: try retryingInterrupts { eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK)) }.get())
  }

  /// Adds `count` (one by default) to the counter, waking whoever waits for it. Safe from any thread.
  /// The corresponding C function is `write`.
  public func signal(count: UInt64 = 1) {
    var count = count
    // EAGAIN means the counter is saturated: the reader is already due to wake.
    _ = retryingInterrupts { systemWrite(descriptor.rawValue, &count, 8) }
  }

  /// Reads and resets the counter; 0 when nothing was signalled.
  /// The corresponding C function is `read`.
  public func drain() -> UInt64 {
    var count: UInt64 = 0
    guard case .success = retryingInterrupts({ systemRead(descriptor.rawValue, &count, 8) }) else { return 0 }
    return count
  }
}

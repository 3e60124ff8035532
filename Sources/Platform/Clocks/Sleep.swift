import CPlatform

/// Suspends the calling thread for `milliseconds`, resuming the wait when a signal interrupts it.
public func sleepMilliseconds(_ milliseconds: Int) {
  sleepMicroseconds(milliseconds * 1000)
}

/// Suspends the calling thread for `microseconds`, resuming the wait when a signal interrupts it.
/// The corresponding C function is `nanosleep`.
public func sleepMicroseconds(_ microseconds: Int) {
  var request = timespec(tv_sec: microseconds / 1_000_000, tv_nsec: (microseconds % 1_000_000) * 1000)
  var remaining = timespec()
  while nanosleep(&request, &remaining) == -1 && cplatform_errno() == EINTR { request = remaining }
}

import CPlatform

/// Suspends the calling thread for `milliseconds`, resuming the wait when a signal interrupts it.
/// The corresponding C function is `nanosleep`.
public func sleepMilliseconds(_ milliseconds: Int) {
  var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
  var remaining = timespec()
  while nanosleep(&request, &remaining) == -1 && cplatform_errno() == EINTR { request = remaining }
}

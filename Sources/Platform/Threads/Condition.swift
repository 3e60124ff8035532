import CPlatform

/// A condition variable on the monotonic clock, used through `Locked.withLock(waitingOn:until:deadline:_:)`.
public final class Condition: @unchecked Sendable {
  private let condition: UnsafeMutablePointer<pthread_cond_t>

  /// The corresponding C function is `pthread_cond_init`.
  public init() {
    condition = .allocate(capacity: 1)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    // Deadlines are monotonic instants: a wall-clock step must not shorten or stretch a wait.
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    let result = pthread_cond_init(condition, &attributes)
    pthread_condattr_destroy(&attributes)
    precondition(result == 0, "pthread_cond_init failed")
  }

  deinit {
    pthread_cond_destroy(condition)
    condition.deallocate()
  }

  /// Wakes one waiting thread.
  /// The corresponding C function is `pthread_cond_signal`.
  public func signal() { pthread_cond_signal(condition) }

  /// Wakes every waiting thread.
  /// The corresponding C function is `pthread_cond_broadcast`.
  public func broadcast() { pthread_cond_broadcast(condition) }

  /// Releases the locked `mutex`, sleeps until signalled (or spuriously woken) and locks it again. Returns
  /// false if `deadline` passed instead.
  func wait(releasing mutex: UnsafeMutablePointer<pthread_mutex_t>, deadline: MonotonicInstant?) -> Bool {
    guard let deadline else {
      let result = pthread_cond_wait(condition, mutex)
      precondition(result == 0, "pthread_cond_wait failed")
      return true
    }
    var time = deadline.timespec
    let result = pthread_cond_timedwait(condition, mutex, &time)
    precondition(result == 0 || result == ETIMEDOUT, "pthread_cond_timedwait failed")
    return result == 0
  }
}

import CPlatform

/// A value that threads share, guarded by a pthread mutex. (Embedded Swift has no `Synchronization.Mutex`; the name differs so the two never shadow each other.)
/// Pair it with a `Condition` to wait for the value to change.
public final class Locked<Value>: @unchecked Sendable {
  let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var value: Value

  /// The corresponding C function is `pthread_mutex_init`.
  public init(_ initialValue: sending Value) {
    mutex = .allocate(capacity: 1)
    let result = pthread_mutex_init(mutex, nil)
    precondition(result == 0, "pthread_mutex_init failed")
    value = initialValue
  }

  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// Runs `body` with exclusive access to the value.
  /// The corresponding C functions are `pthread_mutex_lock` and `pthread_mutex_unlock`.
  public func withLock<R, Failure: Error>(_ body: (inout Value) throws(Failure) -> R) throws(Failure) -> R {
    lock()
    defer { unlock() }
    return try body(&value)
  }

  /// Waits on `condition` until `ready` holds for the value, then runs `body` under the same lock. Returns nil,
  /// without running `body`, if `deadline` passes first. Whoever makes `ready` true must signal `condition`.
  /// The corresponding C functions are `pthread_cond_wait` and `pthread_cond_timedwait`.
  public func withLock<R, Failure: Error>(
    waitingOn condition: Condition, until ready: (Value) -> Bool, deadline: MonotonicInstant? = nil,
    _ body: (inout Value) throws(Failure) -> R
  ) throws(Failure) -> R? {
    lock()
    defer { unlock() }
    while !ready(value) {
      if !condition.wait(releasing: mutex, deadline: deadline) { return nil }
    }
    return try body(&value)
  }

  private func lock() {
    let result = pthread_mutex_lock(mutex)
    precondition(result == 0, "pthread_mutex_lock failed")
  }

  private func unlock() {
    let result = pthread_mutex_unlock(mutex)
    precondition(result == 0, "pthread_mutex_unlock failed")
  }
}

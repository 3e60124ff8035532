import CPlatform

/// A POSIX thread running a Swift closure. Join it, or it is detached when this object goes away.
public final class Thread {
  private var thread: pthread_t
  private var joined = false

  /// Starts a thread that runs `body`, named `name` (truncated to 15 bytes) for `top -H` and core dumps.
  /// The corresponding C function is `pthread_create`.
  public init(name: String, _ body: @escaping @Sendable () -> Void) throws(Errno) {
    let context = Unmanaged.passRetained(ThreadContext(name: name, body: body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
      &thread, nil,
      { context in
        let start = Unmanaged<ThreadContext>.fromOpaque(context!).takeRetainedValue()
        _ = cplatform_set_current_thread_name(start.name)
        start.body()
        return nil
      }, context)
    if result != 0 {
      Unmanaged<ThreadContext>.fromOpaque(context).release()
      throw Errno(rawValue: result)
    }
    self.thread = thread
  }

  deinit {
    if !joined { pthread_detach(thread) }
  }

  /// Waits for the thread's closure to return.
  /// The corresponding C function is `pthread_join`.
  public func join() {
    precondition(!joined, "Thread joined twice")
    let result = pthread_join(thread, nil)
    precondition(result == 0, "pthread_join failed")
    joined = true
  }

  /// The calling thread's name.
  /// The corresponding C function is `pthread_getname_np`.
  public static var currentName: String {
    var buffer = [CChar](repeating: 0, count: 16)
    let result = cplatform_current_thread_name(&buffer, buffer.count)
    precondition(result == 0, "pthread_getname_np failed")
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Names the calling thread (truncated to 15 bytes).
  /// The corresponding C function is `pthread_setname_np`.
  public static func setCurrentName(_ name: String) {
    _ = cplatform_set_current_thread_name(name)
  }
}

private final class ThreadContext {
  let name: String
  let body: @Sendable () -> Void

  init(name: String, body: @escaping @Sendable () -> Void) {
    self.name = name
    self.body = body
  }
}

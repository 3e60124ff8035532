import CPlatform

/// A signal number, e.g. `Signal.terminate`.
public struct Signal: RawRepresentable, Hashable, Sendable {
  public var rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  public static var hangUp: Signal { Signal(rawValue: SIGHUP) }
  public static var interrupt: Signal { Signal(rawValue: SIGINT) }
  public static var terminate: Signal { Signal(rawValue: SIGTERM) }
  public static var user1: Signal { Signal(rawValue: SIGUSR1) }
  public static var user2: Signal { Signal(rawValue: SIGUSR2) }
  public static var pipe: Signal { Signal(rawValue: SIGPIPE) }
}

/// Who sent a signal that `SignalFD` received.
public struct SignalInfo: Equatable, Sendable {
  public var signal: Signal
  public var senderProcess: Int32
  public var senderUser: UInt32

  public init(signal: Signal, senderProcess: Int32, senderUser: UInt32) {
    self.signal = signal
    self.senderProcess = senderProcess
    self.senderUser = senderUser
  }
}

/// Delivers signals as readable data instead of asynchronous handlers, so that the main loop handles SIGTERM,
/// SIGINT and SIGHUP like any other event.
public final class SignalFD {
  public let descriptor: FileDescriptor

  /// Blocks `signals` in the calling thread's mask and opens a descriptor that receives them. Create it on the
  /// main thread before starting other threads: they inherit the mask, so no thread takes the signals' default
  /// action (termination) behind the loop's back.
  /// The corresponding C functions are `pthread_sigmask` and `signalfd`.
  public init(signals: [Signal] = [.terminate, .interrupt, .hangUp], nonBlocking: Bool = false) throws(Errno) {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal.rawValue) }
    try nothingOrErrno(returned: pthread_sigmask(SIG_BLOCK, &set, nil)).get()
    let flags = Int32(SFD_CLOEXEC) | (nonBlocking ? Int32(SFD_NONBLOCK) : 0)
    descriptor = FileDescriptor(owning: try retryingInterrupts { signalfd(-1, &set, flags) }.get())
  }

  /// The next pending signal: waits for one unless non-blocking, where nil means none is pending.
  /// The corresponding C function is `read`.
  public func read() throws(Errno) -> SignalInfo? {
    var info = signalfd_siginfo()
    let size = MemoryLayout<signalfd_siginfo>.size
    let result = retryingInterrupts { systemRead(descriptor.rawValue, &info, size) }
    if case .failure(let error) = result, error == .resourceTemporarilyUnavailable { return nil }
    let count = try result.get()
    precondition(count == size, "signalfd read returned a partial record")
    return SignalInfo(
      signal: Signal(rawValue: Int32(info.ssi_signo)), senderProcess: Int32(bitPattern: info.ssi_pid),
      senderUser: info.ssi_uid)
  }
}

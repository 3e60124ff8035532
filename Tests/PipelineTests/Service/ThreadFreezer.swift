import Foundation

/// Stops one thread of another process while its other threads run on: the way a worker wedged in a kernel or
/// a driver looks from outside. `PTRACE_SEIZE` attaches to that thread alone and `PTRACE_INTERRUPT` puts it in a
/// ptrace stop; `thaw()` detaches, which lets it continue. ptrace requests must come from the thread that
/// attached, so one dedicated thread attaches, waits, and detaches. If the test process dies first, the kernel
/// detaches and the thread runs again.
final class ThreadFreezer: @unchecked Sendable {
  enum Failure: Error, CustomStringConvertible {
    case noSuchThread(String)
    case ptrace(String, Int32)
    var description: String {
      switch self {
      case .noSuchThread(let name): "no thread named \(name)"
      case .ptrace(let what, let error): "\(what): \(String(cString: strerror(error)))"
      }
    }
  }

  let threadID: pid_t
  private let frozen = DispatchSemaphore(value: 0)
  private let thawRequested = DispatchSemaphore(value: 0)
  private let thawed = DispatchSemaphore(value: 0)
  private var failure: Failure?

  // glibc's ptrace is variadic, which Swift cannot call; its four arguments are passed like a plain function's
  // on x86_64 and aarch64 Linux.
  private typealias PtraceFunction =
    @convention(c) (CInt, pid_t, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> CLong
  private static let ptrace = unsafeBitCast(dlsym(nil, "ptrace"), to: PtraceFunction.self)
  private static let seize: CInt = 0x4206
  private static let interrupt: CInt = 0x4207
  private static let detach: CInt = 17
  private static let waitAllThreads: CInt = 0x4000_0000  // __WALL: wait for a thread that is not a child

  /// The thread of `pid` whose name (`/proc/PID/task/TID/comm`) is `name`.
  static func thread(of pid: pid_t, named name: String) throws -> pid_t {
    let tasks = "/proc/\(pid)/task"
    for entry in try FileManager.default.contentsOfDirectory(atPath: tasks) {
      let comm = try? String(contentsOfFile: "\(tasks)/\(entry)/comm", encoding: .utf8)
      if comm?.trimmingCharacters(in: .newlines) == name, let id = pid_t(entry) { return id }
    }
    throw Failure.noSuchThread(name)
  }

  /// Freezes the thread named `name` of process `pid`; returns once it is stopped.
  init(pid: pid_t, threadNamed name: String) throws {
    threadID = try Self.thread(of: pid, named: name)
    let tracer = Thread { [self] in trace() }
    tracer.name = "freezer"
    tracer.start()
    frozen.wait()
    if let failure { throw failure }
  }

  deinit { thaw() }

  private func trace() {
    defer { thawed.signal() }
    guard Self.ptrace(Self.seize, threadID, nil, nil) == 0 else {
      failure = .ptrace("PTRACE_SEIZE \(threadID)", errno)
      frozen.signal()
      return
    }
    guard Self.ptrace(Self.interrupt, threadID, nil, nil) == 0 else {
      failure = .ptrace("PTRACE_INTERRUPT \(threadID)", errno)
      frozen.signal()
      return
    }
    var status: Int32 = 0
    if waitpid(threadID, &status, Self.waitAllThreads) != threadID {
      failure = .ptrace("waitpid \(threadID)", errno)
    }
    frozen.signal()
    thawRequested.wait()
    _ = Self.ptrace(Self.detach, threadID, nil, nil)
  }

  private var thawOnce = false
  private let lock = NSLock()

  /// Lets the thread run again (detaches). Later calls do nothing.
  func thaw() {
    let first = lock.withLock {
      defer { thawOnce = true }
      return !thawOnce
    }
    guard first else { return }
    thawRequested.signal()
    thawed.wait()
  }

  /// The thread's scheduler state from `/proc/PID/task/TID/stat`: "t" while stopped by the tracer.
  static func state(of pid: pid_t, thread: pid_t) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
  }
}

import Foundation

/// An AF_UNIX datagram socket standing in for systemd's `$NOTIFY_SOCKET`: a thread records every message the
/// daemon sends, with the time it arrived, until the listener is released.
final class NotifyListener: @unchecked Sendable {
  struct Message {
    /// Seconds on the monotonic clock (`ProcessInfo.systemUptime`).
    var time: TimeInterval
    var text: String
    /// The `KEY=value` assignments, one per line.
    var assignments: [String] { text.split(separator: "\n").map(String.init) }
  }

  let path = NSTemporaryDirectory() + "edgediag-notify-" + UUID().uuidString
  private let fd: Int32
  private let lock = NSLock()
  private var received: [Message] = []
  private var stopped = false
  private let finished = DispatchSemaphore(value: 0)

  init() throws {
    fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0 else {
      close(fd)
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    // A short receive timeout lets the thread notice the listener is being released.
    var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let thread = Thread { [self] in receiveUntilStopped() }
    thread.name = "notify-listener"
    thread.start()
  }

  deinit {
    lock.withLock { stopped = true }
    finished.wait()
    close(fd)
    unlink(path)
  }

  private func receiveUntilStopped() {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !lock.withLock({ stopped }) {
      let count = recv(fd, &buffer, buffer.count, 0)
      guard count > 0 else { continue }
      let message = Message(
        time: ProcessInfo.processInfo.systemUptime, text: String(decoding: buffer[..<count], as: UTF8.self))
      lock.withLock { received.append(message) }
    }
    finished.signal()
  }

  /// Every message so far, oldest first.
  var messages: [Message] { lock.withLock { received } }

  /// The messages that contain the assignment `line` (e.g. `WATCHDOG=1`) or, with `prefix`, one starting so.
  func messages(with line: String, prefix: Bool = false) -> [Message] {
    messages.filter { $0.assignments.contains { prefix ? $0.hasPrefix(line) : $0 == line } }
  }

  /// Waits up to `timeout` seconds for a message after index `after` (in `messages`) for which `matches` holds;
  /// returns its index.
  @discardableResult
  func wait(
    after: Int = -1, timeout: TimeInterval = 30, for matches: (Message) -> Bool
  ) -> Int? {
    let deadline = ProcessInfo.processInfo.systemUptime + timeout
    repeat {
      let all = messages
      if let index = all.indices.first(where: { $0 > after && matches(all[$0]) }) { return index }
      usleep(20_000)
    } while ProcessInfo.processInfo.systemUptime < deadline
    return nil
  }

  /// `wait` for a message holding the assignment `line` (or one starting with it, with `prefix`).
  @discardableResult
  func wait(after: Int = -1, timeout: TimeInterval = 30, for line: String, prefix: Bool = false) -> Int? {
    wait(after: after, timeout: timeout) { $0.assignments.contains { prefix ? $0.hasPrefix(line) : $0 == line } }
  }
}

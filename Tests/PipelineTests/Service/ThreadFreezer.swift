import Foundation

/// Stops one thread of another process while its other threads run on, the way a worker wedged in a kernel or
/// a driver looks from outside, with tools/freeze-thread (ptrace: PTRACE_SEIZE then PTRACE_INTERRUPT). The tool
/// holds the thread until `thaw()` ends it: the kernel then detaches the thread, which runs again.
final class ThreadFreezer {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let tool = ServiceDaemon.repositoryRoot + "/tools/freeze-thread"

  private let process = Process()
  /// The frozen thread's id.
  let threadID: Int32

  /// Freezes the thread of `pid` named `name` (`/proc/PID/task/TID/comm`); returns once it is stopped.
  init(pid: Int32, threadNamed name: String) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.tool, String(pid), name]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // "frozen PID/TID NAME" once the thread is stopped; end of output if the tool failed.
    var line = Data()
    while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
      line += byte
    }
    let words = String(decoding: line, as: UTF8.self).split(separator: " ")
    guard words.count == 3, words[0] == "frozen", let id = words[1].split(separator: "/").last.flatMap({ Int32($0) })
    else {
      process.waitUntilExit()
      let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      throw Failure(description: "freeze-thread failed: \(message)")
    }
    threadID = id
  }

  deinit { thaw() }

  /// Lets the thread run again. Later calls do nothing.
  func thaw() {
    guard process.isRunning else { return }
    // SIGKILL, not the tool's SIGTERM: children of this test process inherit a signal mask that blocks SIGTERM
    // (Swift Testing runs tests on dispatch threads, which block signals), so the tool would never see it.
    // A tracer that dies detaches its tracees all the same.
    kill(process.processIdentifier, SIGKILL)
    while process.isRunning { usleep(10_000) }
  }

  /// The thread's scheduler state from `/proc/PID/task/TID/stat`: "t" while stopped by the tracer.
  static func state(of pid: Int32, thread: Int32) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
  }
}

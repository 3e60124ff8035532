import Foundation
import Synchronization

/// journald's native socket.
public let journalSocket = "/run/systemd/journal/socket"

/// Whether a journald accepts entries on its socket. The socket file alone proves nothing: a journald that has
/// gone (a machine restored from a snapshot, a restarted container) leaves it behind, refusing connections.
public func journaldIsListening() -> Bool {
  let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
  guard descriptor >= 0 else { return false }
  defer { close(descriptor) }
  var address = sockaddr_un()
  address.sun_family = sa_family_t(AF_UNIX)
  withUnsafeMutableBytes(of: &address.sun_path) { path in
    for (index, byte) in journalSocket.utf8.enumerated() { path[index] = byte }
  }
  return withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
    }
  }
}

/// A helper process that did not do its job, saying what was seen.
public struct SubprocessFailure: Error, CustomStringConvertible {
  public let description: String
}

/// The program `ensureJournald` starts.
let journaldProgram = "/lib/systemd/systemd-journald"

/// One start at a time: suites that need a journald start in parallel, and each would otherwise start its own.
private let journaldStart = Mutex(())

/// Starts a standalone systemd-journald unless one is listening (it stays running, detached, for later runs);
/// never the service manager. Throws, saying what it saw, if none listens within `timeout` seconds.
public func ensureJournald(timeout: TimeInterval = 10) throws {
  try journaldStart.withLock { _ throws in
    if journaldIsListening() { return }
    guard FileManager.default.isExecutableFile(atPath: journaldProgram) else {
      throw SubprocessFailure(description: "\(journaldProgram) is not installed: the journal tests need it")
    }
    let deadline = Date().addingTimeInterval(timeout)
    try startDetached(journaldProgram, timeout: timeout)
    while !journaldIsListening() && Date() < deadline { usleep(50_000) }
    guard journaldIsListening() else {
      let socketFile = FileManager.default.fileExists(atPath: journalSocket) ? "exists" : "does not exist"
      throw SubprocessFailure(
        description:
          "\(journaldProgram) was started but nothing listened on \(journalSocket) within \(timeout) s "
          + "(the socket file \(socketFile)); running it by hand shows why")
    }
  }
}

/// Starts `program` in a session of its own, to outlive the caller, with standard streams on /dev/null and no
/// other descriptor of the test process; returns once it is forked off (within `timeout` seconds, else throws).
///
/// Without the closing, the started program keeps what it inherits: the socket through which Foundation's
/// `Process` learns that its child exited, so `waitUntilExit` waited as long as the program ran (a test run
/// once hung 19 minutes in `ensureJournald` so), and any pipe another thread had open at that moment.
public func startDetached(_ program: String, _ arguments: [String] = [], timeout: TimeInterval = 10) throws {
  let starter = Process()
  starter.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
  // setsid -f returns once the child is forked; bash closes every descriptor above 2, then execs the program.
  starter.arguments =
    [
      "-f", "/bin/bash", "-c",
      #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$0" "$@""#,
      program,
    ] + arguments
  starter.standardInput = FileHandle.nullDevice
  starter.standardOutput = FileHandle.nullDevice
  starter.standardError = FileHandle.nullDevice
  try starter.run()
  let deadline = Date().addingTimeInterval(timeout)
  while starter.isRunning && Date() < deadline { usleep(20_000) }
  guard !starter.isRunning else {
    kill(starter.processIdentifier, SIGKILL)
    throw SubprocessFailure(description: "setsid -f \(program) did not return within \(timeout) s")
  }
  guard starter.terminationReason == .exit && starter.terminationStatus == 0 else {
    throw SubprocessFailure(description: "setsid -f \(program) failed with status \(starter.terminationStatus)")
  }
}

import Foundation
import Platform
import Testing

@testable import Systemd

/// Tests of what reads process-wide environment variables (NOTIFY_SOCKET, WATCHDOG_*, EDGEDIAG_LOG…) at each call
/// (libsystemd, Journal) or writes to stderr. Each body that sets variables or redirects stderr runs in a process
/// of its own (an exit test): `setenv` beside another thread's `getenv` is undefined behaviour, and the other
/// suites run in parallel threads of this one.
@Suite struct EnvironmentDependentTests {
  @Test func notifierSendsStatesInOrderToNotifySocket() async {
    await #expect(processExitsWith: .success) {
      do {
        let socket = try DatagramSocket()
        setenv("NOTIFY_SOCKET", socket.path, 1)
        let notifier = Notifier()
        let before = MonotonicInstant.now.microseconds
        #expect(try notifier.ready())
        #expect(try notifier.status("2 captures\nqueued"))
        #expect(try notifier.watchdog())
        #expect(try notifier.reloading())
        #expect(try notifier.extendTimeout(microseconds: 5_000_000))
        #expect(try notifier.watchdogTrigger())
        #expect(try notifier.stopping())
        let after = MonotonicInstant.now.microseconds

        #expect(try socket.receive() == "READY=1")
        #expect(try socket.receive() == "STATUS=2 captures queued")
        #expect(try socket.receive() == "WATCHDOG=1")
        let reloading = try socket.receive().split(separator: "\n")
        #expect(reloading.first == "RELOADING=1")
        let stamp = try #require(reloading.last.flatMap { Int64($0.dropFirst("MONOTONIC_USEC=".count)) })
        #expect(reloading.last?.hasPrefix("MONOTONIC_USEC=") == true)
        #expect((before...after).contains(stamp))
        #expect(try socket.receive() == "EXTEND_TIMEOUT_USEC=5000000")
        #expect(try socket.receive() == "WATCHDOG=trigger")
        #expect(try socket.receive() == "STOPPING=1")
      } catch { Issue.record(error) }
    }
  }

  @Test func notifierWithoutSocketSendsNothing() async {
    await #expect(processExitsWith: .success) {
      do {
        unsetenv("NOTIFY_SOCKET")
        #expect(try Notifier().ready() == false)
      } catch { Issue.record(error) }
    }
  }

  @Test func notifierReportsAMissingSocketAsAnError() async {
    await #expect(processExitsWith: .success) {
      do {
        setenv("NOTIFY_SOCKET", "/nonexistent/edgediag/notify", 1)
        #expect(throws: Errno.noSuchFileOrDirectory) { try Notifier().ready() }
      } catch { Issue.record(error) }
    }
  }

  @Test func watchdogIntervalHonoursWatchdogPID() async {
    await #expect(processExitsWith: .success) {
      do {
        unsetenv("WATCHDOG_USEC")
        #expect(try watchdogInterval() == nil)
        setenv("WATCHDOG_USEC", "30000000", 1)
        setenv("WATCHDOG_PID", String(getpid()), 1)
        #expect(try watchdogInterval() == 30_000_000)
        setenv("WATCHDOG_PID", "1", 1)
        #expect(try watchdogInterval() == nil)
        unsetenv("WATCHDOG_PID")
        #expect(try watchdogInterval() == 30_000_000)
        setenv("WATCHDOG_USEC", "soon", 1)
        #expect(throws: Errno.invalidArgument) { try watchdogInterval() }
      } catch { Issue.record(error) }
    }
  }

  @Test func destinationFollowsOverrideThenJournalStream() async {
    await #expect(processExitsWith: .success) {
      do {
        unsetenv("INVOCATION_ID")
        setenv("EDGEDIAG_LOG", "journal", 1)
        #expect(Journal.destinationFromEnvironment() == .journal)
        setenv("EDGEDIAG_LOG", "stderr", 1)
        #expect(Journal.destinationFromEnvironment() == .standardError)

        unsetenv("EDGEDIAG_LOG")
        let stderr = try FileDescriptor.standardError.status()
        setenv("JOURNAL_STREAM", "\(stderr.device):\(stderr.inode)", 1)
        #expect(Journal.destinationFromEnvironment() == .journal)
        setenv("JOURNAL_STREAM", "\(stderr.device):\(stderr.inode + 1)", 1)
        #expect(Journal.destinationFromEnvironment() == .standardError)
        setenv("JOURNAL_STREAM", "garbage", 1)
        #expect(Journal.destinationFromEnvironment() == .standardError)

        unsetenv("JOURNAL_STREAM")
        setenv("INVOCATION_ID", "0123456789abcdef0123456789abcdef", 1)
        let socketExists = FileManager.default.fileExists(atPath: "/run/systemd/journal/socket")
        #expect(Journal.destinationFromEnvironment() == (socketExists ? .journal : .standardError))
      } catch { Issue.record(error) }
    }
  }

  @Test func standardErrorDestinationWritesOneReadableLine() async {
    await #expect(processExitsWith: .success) {
      do {
        let marker = UUID().uuidString
        let captured = try capturingStandardError {
          Journal(destination: .standardError).send(
            priority: .warning, message: "Delivery failed\nretrying \(marker)", messageID: testMessageID,
            fields: [("CAPTURE_ID", "17"), ("ERROR", "timeout")])
        }
        let line = try #require(captured.split(separator: "\n").first { $0.contains(marker) })
        #expect(
          line == "warning: Delivery failed\\nretrying \(marker) (CAPTURE_ID=17 ERROR=timeout MESSAGE_ID="
            + "\(testMessageID))")
      } catch { Issue.record(error) }
    }
  }
}

extension EnvironmentDependentTests {
  /// The stderr line escapes file names as `edgediag outcomes` does: no control character reaches the terminal.
  @Test func standardErrorLineEscapesControlCharacters() {
    let line = Journal.line(
      priority: .notice, message: "capture 17: finding\u{1B}[31m", messageID: nil,
      fields: [("EDGEDIAG_FILE", "/in/esc\u{1B}[31mRED\u{7}\r.jpg")])
    #expect(
      String(decoding: line, as: UTF8.self)
        == #"notice: capture 17: finding\x1b[31m (EDGEDIAG_FILE=/in/esc\x1b[31mRED\x07\r.jpg)"# + "\n")
  }
}

/// Runs `body` with descriptor 2 redirected to a temporary file; returns what was written there.
func capturingStandardError(_ body: () -> Void) throws -> String {
  let path = NSTemporaryDirectory() + "edgediag-stderr-" + UUID().uuidString
  defer { unlink(path) }
  let file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
  let saved = dup(2)
  dup2(file, 2)
  body()
  dup2(saved, 2)
  close(saved)
  close(file)
  return try String(contentsOfFile: path, encoding: .utf8)
}

/// An AF_UNIX datagram socket bound to a fresh path, standing in for systemd's notification socket.
final class DatagramSocket {
  let path = NSTemporaryDirectory() + "edgediag-notify-" + UUID().uuidString
  let fd: Int32

  init() throws {
    fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { bytes in
      bytes.copyBytes(from: path.utf8)
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0 else { throw Errno.current }
    var timeout = timeval(tv_sec: 2, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit {
    close(fd)
    unlink(path)
  }

  /// The next datagram as text; throws EAGAIN after two seconds without one.
  func receive() throws -> String {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = recv(fd, &buffer, buffer.count, 0)
    guard count >= 0 else { throw Errno.current }
    return String(decoding: buffer[..<count], as: UTF8.self)
  }
}

import Foundation

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

/// The failure to get a listening journald.
public struct JournaldUnavailable: Error, CustomStringConvertible {
  public var description: String { "systemd-journald did not start listening on \(journalSocket)" }
}

/// Starts a standalone systemd-journald unless one is listening (it stays running, detached, for later runs);
/// never the service manager.
public func ensureJournald() throws {
  if journaldIsListening() { return }
  // Its output goes to /dev/null: a journald holding `run`'s pipe open would keep `run` waiting for ever.
  _ = try shell("/usr/bin/setsid -f /lib/systemd/systemd-journald </dev/null >/dev/null 2>&1")
  for _ in 0..<50 where !journaldIsListening() { usleep(100_000) }
  guard journaldIsListening() else { throw JournaldUnavailable() }
}

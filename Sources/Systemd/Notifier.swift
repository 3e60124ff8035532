import CSystemd
import Platform

/// Tells the service manager about the daemon's state through `$NOTIFY_SOCKET` (`Type=notify`). Run by hand,
/// without that variable, every call does nothing and returns false.
public struct Notifier: Sendable {
  public init() {}

  /// Sends `state`, newline-separated `KEY=value` assignments. Returns whether a service manager was listening.
  /// The corresponding C function is `sd_notify`.
  @discardableResult
  public func send(_ state: String) throws(Errno) -> Bool {
    let result = sd_notify(0, state)
    if result < 0 { throw Errno(rawValue: -result) }
    return result > 0
  }

  /// Start-up is complete: the unit becomes active and dependent units start.
  @discardableResult
  public func ready() throws(Errno) -> Bool { try send("READY=1") }

  /// A one-line status for `systemctl status`; newlines become spaces, since they would start a new assignment.
  @discardableResult
  public func status(_ text: String) throws(Errno) -> Bool {
    let line = String(decoding: text.utf8.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    return try send("STATUS=" + line)
  }

  /// The daemon is healthy: postpones the watchdog's restart by another `WatchdogSec`.
  @discardableResult
  public func watchdog() throws(Errno) -> Bool { try send("WATCHDOG=1") }

  /// The daemon found itself unhealthy: the service manager acts as if the watchdog had expired.
  @discardableResult
  public func watchdogTrigger() throws(Errno) -> Bool { try send("WATCHDOG=trigger") }

  /// Reloading configuration; send `ready()` when done. The timestamp lets the manager tell this reload from an
  /// earlier one.
  @discardableResult
  public func reloading() throws(Errno) -> Bool {
    try send("RELOADING=1\nMONOTONIC_USEC=\(MonotonicInstant.now.microseconds)")
  }

  /// Shutting down.
  @discardableResult
  public func stopping() throws(Errno) -> Bool { try send("STOPPING=1") }

  /// Asks for `microseconds` more before the current start, reload or stop times out.
  @discardableResult
  public func extendTimeout(microseconds: Int64) throws(Errno) -> Bool {
    precondition(microseconds > 0, "timeout extension must be positive")
    return try send("EXTEND_TIMEOUT_USEC=\(microseconds)")
  }
}

/// The watchdog interval the service manager expects pings within, in microseconds, or nil when the watchdog is
/// off or meant for another process (`$WATCHDOG_PID`). Ping at half this interval.
/// The corresponding C function is `sd_watchdog_enabled`.
public func watchdogInterval() throws(Errno) -> Int64? {
  var microseconds: UInt64 = 0
  let result = sd_watchdog_enabled(0, &microseconds)
  if result < 0 { throw Errno(rawValue: -result) }
  return result > 0 ? Int64(microseconds) : nil
}

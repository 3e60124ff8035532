/// A syslog priority, as journald stores it in `PRIORITY=`.
public enum Priority: Int32, Sendable, CaseIterable {
  case emergency = 0
  case alert = 1
  case critical = 2
  case error = 3
  case warning = 4
  case notice = 5
  case info = 6
  case debug = 7

  /// The short name that syslog and `journalctl -p` use, e.g. "err".
  public var name: String {
    switch self {
    case .emergency: "emerg"
    case .alert: "alert"
    case .critical: "crit"
    case .error: "err"
    case .warning: "warning"
    case .notice: "notice"
    case .info: "info"
    case .debug: "debug"
    }
  }
}

import Platform
import Systemd

/// Why the daemon could not start (or a verb could not run): each names what it was doing and why.
public enum DaemonError: Error, CustomStringConvertible {
  case configuration(ConfigError)
  case model(ClassifierError)
  case storage(StorageError)
  case forward(ForwardError)
  case system(String, Errno)
  /// Another daemon holds the lock on this state directory.
  case stateInUse(String)

  public var description: String {
    switch self {
    case .configuration(let error): "\(error)"
    case .model(let error): "\(error)"
    case .storage(let error): "ledger: \(error)"
    case .forward(let error): "forwarding: \(error)"
    case .system(let what, let error): "cannot \(what): \(error)"
    case .stateInUse(let directory):
      "another edgediag is already running on the state directory \(directory) (it holds the directory's lock); "
        + "stop it first, or give this one a [state] directory of its own"
    }
  }

  /// The exit status: 78 (EX_CONFIG) for problems a person must fix in the configuration or model, which the
  /// unit's `RestartPreventExitStatus=` keeps systemd from retrying in a loop; 1 otherwise.
  public var exitStatus: Int32 { needsConfigurationFix ? 78 : 1 }

  /// The journal event that reports this error at start-up: the configuration or model for what a person must
  /// fix there, a start failure for the rest.
  public var startEvent: Event { needsConfigurationFix ? .modelLoadFailed : .startFailed }

  /// The configuration, the model or its card must be changed before a start can succeed.
  private var needsConfigurationFix: Bool {
    switch self {
    case .configuration, .model, .forward: true
    case .storage, .system, .stateInUse: false
    }
  }

  static func system<T>(_ what: String, _ body: () throws(Errno) -> T) throws(DaemonError) -> T {
    do { return try body() } catch { throw .system(what, error) }
  }

  static func storage<T>(_ body: () throws(StorageError) -> T) throws(DaemonError) -> T {
    do { return try body() } catch { throw .storage(error) }
  }
}

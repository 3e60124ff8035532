import Pipeline
import Systemd

/// `edgediag run [--config PATH]`: the daemon, until SIGTERM.
func runDaemon(_ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  let path = try arguments.option("--config") ?? defaultConfigPath
  try arguments.finish()
  do {
    let daemon = try Daemon(configPath: path)
    return daemon.run()
  } catch {
    Journal.standard.send(
      error.startEvent, message: "edgediag cannot start: \(error)", fields: [("EDGEDIAG_ERROR", "\(error)")],
      priority: .error)
    return error.exitStatus
  }
}

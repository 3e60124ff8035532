import Formats
import Pipeline
import Platform

/// `edgediag outbox [--config PATH] [--json] [retry]`: findings not yet delivered (pending, failed, expired),
/// oldest first; `retry` puts failed and expired ones back in line for the running daemon's forwarder.
func outbox(_ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  let path = try arguments.option("--config") ?? defaultConfigPath
  let json = arguments.flag("--json")
  let positionals = try arguments.positionals()
  if let action = positionals.first, action != "retry" { throw UsageError("outbox: unknown action '\(action)'") }
  if positionals.count > 1 { throw UsageError("outbox: unexpected argument '\(positionals[1])'") }
  let configuration: Configuration
  do { configuration = try Configuration.load(path: path) } catch {
    printError("\(error)")
    return 1
  }
  let databasePath = configuration.databasePath
  do {
    let outbox = Outbox(
      database: try Database(path: databasePath, mode: positionals.isEmpty ? .readOnly : .readWrite))
    if positionals == ["retry"] {
      let count = try outbox.retryFailed(now: WallClock.now)
      print("\(count) finding(s) queued for delivery again")
      return 0
    }
    let entries = try outbox.list(states: [.pending, .failed, .expired])
    if json {
      print(JSON.array(entries.map { $0.json }).rendered)
    } else {
      for entry in entries { print(entry.summary) }
      let counts = try outbox.counts()
      print(
        "\(counts.pending) pending, \(counts.failed) failed, \(counts.expired) expired, \(counts.delivered) delivered")
    }
  } catch {
    printError("\(databasePath): \(error)")
    return 1
  }
  return 0
}

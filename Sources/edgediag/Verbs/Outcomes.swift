import Formats
import Pipeline
import Platform

/// `edgediag outcomes [--config PATH] [--since TIME] [--json]`: what happened to each capture, oldest first,
/// with the capture id the journal shows mapped back to the file, then the captures claimed but not yet recorded
/// (waiting for a worker, or for the next start). Opens the ledger read-only.
func listOutcomes(_ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  let path = try arguments.option("--config") ?? defaultConfigPath
  let sinceText = try arguments.option("--since")
  let json = arguments.flag("--json")
  try arguments.finish()
  var since: Int64 = 0
  if let sinceText {
    guard let parsed = parseTimeSpecification(sinceText, now: WallClock.now) else {
      throw UsageError(
        "outcomes: --since takes a UTC date (2026-11-25), date-time (2026-11-25T08:30:00Z) or age (2h, 7d)")
    }
    since = parsed
  }
  let configuration: Configuration
  do { configuration = try Configuration.load(path: path) } catch {
    printError("\(error)")
    return 1
  }
  let records: [CaptureRecord]
  do {
    let database = try Database(path: configuration.databasePath, mode: .readOnly)
    let ledger = Ledger(database: database, run: 0)
    records = try ledger.outcomes(since: since, limit: Int.max) + ledger.pending().filter { $0.claimedAt >= since }
  } catch {
    printError("\(error)")
    return 1
  }
  if json {
    print(JSON.array(records.map { $0.json }).rendered)
  } else {
    for record in records { print(record.summary) }
    if records.isEmpty { print("no outcomes recorded\(sinceText.map { " since \($0)" } ?? "")") }
  }
  return 0
}

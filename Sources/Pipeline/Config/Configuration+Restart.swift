extension Configuration {
  /// The settings that `next` changes but that only a start applies, named as `[section] key`: the database's
  /// folder (the ledger and outbox stay open) and the worker pool's size and queue (threads and queue are made
  /// once). A reload keeps their running values (`keepingStartSettings`) and says so.
  func settingsNeedingRestart(toApply next: Configuration) -> [String] {
    var names: [String] = []
    if next.state.directory != state.directory { names.append("[state] directory") }
    if next.workers.count != workers.count { names.append("[workers] count") }
    if next.workers.queue != workers.queue { names.append("[workers] queue") }
    return names
  }

  /// This configuration with the settings that only a start applies taken from `running`.
  func keepingStartSettings(of running: Configuration) -> Configuration {
    var kept = self
    kept.state = running.state
    kept.workers.count = running.workers.count
    kept.workers.queue = running.workers.queue
    return kept
  }
}

import Platform
import Systemd

/// A worker thread: takes captures from the queue, classifies them through its own database connection (which
/// marks each one begun) and hands each outcome to the outcome writer, which records it.
final class Worker {
  let index: Int
  let heartbeat = Heartbeat()
  private var thread: Thread?

  init(
    index: Int, queue: WorkQueue<CaptureJob>, configuration: Locked<LoadedConfiguration>, status: WorkStatus,
    databasePath: String, run: Int64, writer: OutcomeWriter, done: EventFD, journal: Journal
  ) throws(DaemonError) {
    self.index = index
    // The connection is made here, so a failure stops start-up, then belongs to the worker thread alone.
    nonisolated(unsafe) let ledger = try DaemonError.storage { () throws(StorageError) in
      Ledger(database: try Database(path: databasePath, migrating: false), run: run)
    }
    let heartbeat = heartbeat
    thread = try DaemonError.system("start worker \(index)") { () throws(Errno) in
      try Thread(name: "worker-\(index)") {
        var processor = CaptureProcessor(
          ledger: ledger, configuration: configuration, status: status, journal: journal)
        while let job = queue.take() {
          heartbeat.beginJob()
          var clock = StageClock()
          if let analysed = processor.analyse(job, clock: &clock) {
            // The writer signals `done` once the outcome is committed.
            writer.submit(analysed)
            clock?.lap(.record)
          } else {
            done.signal()
          }
          heartbeat.endJob()
        }
      }
    }
  }

  /// Waits until the queue is closed and this worker has handed over its last capture.
  func join() { thread?.join() }
}

import Platform
import Systemd

/// A worker thread: takes captures from the queue, classifies them and records each outcome (with its
/// finding, in one transaction) in the ledger through its own database connection.
final class Worker {
  let index: Int
  let heartbeat = Heartbeat()
  private var thread: Thread?

  init(
    index: Int, queue: WorkQueue<CaptureJob>, configuration: Locked<LoadedConfiguration>, status: WorkStatus,
    databasePath: String, run: Int64, done: EventFD, journal: Journal
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
          processor.process(job)
          heartbeat.endJob()
          done.signal()
        }
      }
    }
  }

  /// Waits until the queue is closed and this worker's last capture is recorded.
  func join() { thread?.join() }
}

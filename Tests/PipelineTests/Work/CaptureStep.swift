import Foundation
import Platform
import Systemd
import TestSupport

@testable import Pipeline

/// The capture step in process, without a daemon: a fixture's configuration and model, its ledger, one
/// processor as a worker thread holds it, and the recorder the outcome writer runs, on the same connection.
struct CaptureStep {
  let fixture: DaemonFixture
  let ledger: Ledger
  let status = WorkStatus()
  var processor: CaptureProcessor
  let recorder: OutcomeRecorder

  init(capture settings: String = "", modelCard: String? = nil, busyTimeoutMilliseconds: Int32 = 5000) throws {
    fixture = try DaemonFixture(capture: settings, modelCard: modelCard)
    let configuration = try Configuration.load(path: fixture.configPath)
    let loaded = LoadedConfiguration(
      configuration: configuration, model: try LoadedModel(cardPath: configuration.model.card), generation: 0,
      deviceID: "test-device")
    ledger = Ledger(
      database: try Database(path: loaded.databasePath, busyTimeoutMilliseconds: busyTimeoutMilliseconds), run: 1)
    let journal = Journal(destination: .standardError)
    processor = CaptureProcessor(ledger: ledger, configuration: Locked(loaded), status: status, journal: journal)
    recorder = OutcomeRecorder(ledger: ledger, status: status, journal: journal)
  }

  /// Writes `bytes` as a capture, claims it and processes it; returns the outcome as returned and as recorded.
  mutating func process(_ bytes: [UInt8], name: String = "capture.jpg") throws -> (
    returned: OutcomeRecord?, recorded: OutcomeRecord?
  ) {
    let job = try claim(bytes, name: name)
    return try process(job)
  }

  /// Writes `bytes` as a capture and claims it, as the main loop does; returns the job it queues.
  func claim(_ bytes: [UInt8], name: String = "capture.jpg") throws -> CaptureJob {
    let path = fixture.capture + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let key = CaptureKey(path: FilePath(path), status: try fileStatus(atPath: path))
    guard case .new(let id) = try ledger.claim(key, at: 1) else { throw ClaimNotNew() }
    return CaptureJob(id: id, key: key)
  }

  struct ClaimNotNew: Error {}

  /// Analyses a claimed capture and records its outcome alone; returns the outcome if it was recorded.
  mutating func analyseAndRecord(_ job: CaptureJob) -> OutcomeRecord? {
    var clock: StageClock?
    guard let analysed = processor.analyse(job, clock: &clock) else { return nil }
    return recorder.record([analysed], clock: &clock) == [true] ? analysed.record : nil
  }

  /// Processes a claimed capture; returns the outcome as returned and as recorded.
  mutating func process(_ job: CaptureJob) throws -> (returned: OutcomeRecord?, recorded: OutcomeRecord?) {
    let returned = analyseAndRecord(job)
    let recorded = try ledger.outcomes(since: 0, limit: 100).first { $0.id == job.id }?.outcome
    return (returned, recorded)
  }
}

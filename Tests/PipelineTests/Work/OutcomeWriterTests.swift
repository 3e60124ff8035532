import Foundation
import Platform
import Systemd
import TestSupport
import Testing

@testable import Pipeline

/// The outcome writer between the workers and the ledger: what it reports, and when.
@Suite struct OutcomeWriterTests {
  let archive = TemporaryDirectory()

  /// Analysed captures of `step`, claimed and begun as a worker leaves them, and a writer on a connection of its
  /// own that signals `done`.
  private func prepare(_ step: inout CaptureStep, count: Int) throws -> ([AnalysedCapture], OutcomeWriter, EventFD) {
    var analysed: [AnalysedCapture] = []
    var clock: StageClock?
    for index in 0..<count {
      let job = try step.claim(Captures.jpeg(seed: UInt64(index)), name: "IMG_\(index).jpg")
      analysed.append(try #require(step.processor.analyse(job, clock: &clock)))
    }
    let done = try EventFD()
    let ledger = Ledger(
      database: try Database(path: step.ledger.database.path, busyTimeoutMilliseconds: 50, migrating: false), run: 1)
    let writer = try OutcomeWriter(
      recorder: OutcomeRecorder(ledger: ledger, status: step.status, journal: Journal(destination: .standardError)),
      done: done, capacity: 64)
    return (analysed, writer, done)
  }

  private var archived: [String] { (try? FileManager.default.contentsOfDirectory(atPath: archive.path)) ?? [] }

  /// While another connection holds the write lock, nothing the writer was handed is reported: no file moved
  /// to the archive, nothing counted, no capture finished (`done`, which lets the next suspect go). Once the lock
  /// is released, each is recorded, moved, counted and finished once.
  @Test func nothingIsReportedBeforeItsCommit() throws {
    var step = try CaptureStep(capture: "disposition = move\narchive_directory = \(archive.path)")
    let (analysed, writer, done) = try prepare(&step, count: 5)
    let blocker = try Database(path: step.ledger.database.path)
    try blocker.execute("BEGIN IMMEDIATE")
    for capture in analysed { writer.submit(capture) }
    Thread.sleep(forTimeInterval: 0.5)
    #expect(done.drain() == 0)
    #expect(step.status.done.load(ordering: .relaxed) == 0)
    #expect(archived.isEmpty, "moved before its commit: \(archived)")
    #expect(try step.ledger.counts().done == 0)
    try blocker.execute("ROLLBACK")

    var finished: UInt64 = 0
    let deadline = Date().addingTimeInterval(30)
    while finished < 5 && Date() < deadline {
      finished += done.drain()
      Thread.sleep(forTimeInterval: 0.01)
    }
    writer.finish()
    #expect(finished + done.drain() == 5)
    #expect(step.status.done.load(ordering: .relaxed) == 5)
    let recorded = try step.ledger.outcomes(since: 0, limit: 100)
    #expect(Set(recorded.map(\.id)) == Set(analysed.map(\.job.id)))
    #expect(recorded.map(\.outcome) == recorded.map { record in analysed.first { $0.job.id == record.id }?.record })
    #expect(archived.count == 5)
    #expect(try step.ledger.unreported().isEmpty, "reported but not marked so: a restart would report them again")
  }

  /// A stop records what the workers handed over before it: no capture is left claimed.
  @Test func finishingRecordsEverythingHandedOver() throws {
    var step = try CaptureStep()
    let (analysed, writer, done) = try prepare(&step, count: 3)
    for capture in analysed { writer.submit(capture) }
    writer.finish()
    #expect(done.drain() == 3)
    #expect(
      try step.ledger.counts()
        == LedgerCounts(done: 3, findings: step.status.findings.load(ordering: .relaxed), pending: 0))
  }
}

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

  /// The capture an outcome entry of the journal names (its `EDGEDIAG_CAPTURE` field), or nil for other entries.
  private static func outcomeCapture(_ line: [UInt8]) -> String? {
    let text = String(decoding: line, as: UTF8.self)
    guard text.contains("EDGEDIAG_OUTCOME="), let field = text.range(of: "EDGEDIAG_CAPTURE=") else { return nil }
    return String(text[field.upperBound...].prefix { $0 != " " && $0 != ")" })
  }

  /// A kill may land anywhere in a group's report. Wherever it lands after the group's commit, the outcome
  /// entries logged before it and those the next start logs (`reportUnreported`) name each capture at most
  /// once. Every entry's moment is such a landing point: there the journal copies the ledger as a kill would
  /// leave it (`VACUUM INTO`), and each copy is started on afterwards, as is the ledger after the last entry.
  /// Fails if a group's entries come before its mark: the next start logs again what was logged before the kill.
  @Test func aKillDuringAGroupsReportNeverLogsACaptureTwice() throws {
    var step = try CaptureStep()
    var analysed: [AnalysedCapture] = []
    var clock: StageClock?
    for index in 0..<3 {
      let job = try step.claim(Captures.jpeg(seed: UInt64(index)), name: "IMG_\(index).jpg")
      analysed.append(try #require(step.processor.analyse(job, clock: &clock)))
    }
    let copies = TemporaryDirectory()
    let copiesPath = copies.path
    let databasePath = step.ledger.database.path
    // Per kill point: the captures logged before it, and the ledger it leaves.
    let kills = Locked([(logged: [String], ledger: String)]())
    let logged = Locked([String]())
    @Sendable func killHere() {
      let copy = copiesPath + "/kill-\(kills.withLock { $0.count }).db"
      do {
        try Database(path: databasePath, mode: .readOnly).execute("VACUUM INTO ?", [.text(copy)])
      } catch {
        Issue.record("cannot copy the ledger: \(error)")
      }
      kills.withLock { $0.append((logged.withLock { $0 }, copy)) }
    }
    let journal = Journal(
      destination: .lines(
        Journal.LineSink { line in
          guard let capture = Self.outcomeCapture(line) else { return }
          killHere()
          logged.withLock { $0.append(capture) }
        }))
    let recorder = OutcomeRecorder(ledger: step.ledger, status: step.status, journal: journal)
    #expect(recorder.record(analysed, clock: &clock) == [true, true, true])
    killHere()
    #expect(logged.withLock { $0 }.sorted() == analysed.map(\.job.id).sorted())

    let loaded = step.processor.configuration.withLock { $0 }
    for (point, kill) in kills.withLock({ $0 }).enumerated() {
      let restarted = Locked([String]())
      let restartJournal = Journal(
        destination: .lines(
          Journal.LineSink { line in
            if let capture = Self.outcomeCapture(line) { restarted.withLock { $0.append(capture) } }
          }))
      let ledger = Ledger(database: try Database(path: kill.ledger), run: 2)
      try OutcomeRecorder(ledger: ledger, status: WorkStatus(), journal: restartJournal).reportUnreported(loaded)
      let entries = kill.logged + restarted.withLock { $0 }
      for capture in analysed.map(\.job.id) {
        #expect(
          entries.filter { $0 == capture }.count <= 1,
          "killed before outcome entry \(point): \(capture) logged \(kill.logged) before, \(restarted.withLock { $0 }) at the next start"
        )
      }
    }
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

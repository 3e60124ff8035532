import Foundation
import Pipeline
import Platform
import TestSupport
import Testing

extension EndToEnd {
  /// What a daemon finds when it starts again.
  @Suite struct Restart {
    @Test func filesThatArrivedWhileTheDaemonWasStoppedAreProcessedAtStart() throws {
      // One worker: a capture that arrives after the start-up scan's claims is taken after all of them.
      let fixture = try DaemonFixture(workers: 1)
      let first = try fixture.start()
      CaptureWriter.write(Captures.jpeg(seed: 1), to: fixture.path("before.jpg"))
      try #require(try fixture.waitForOutcomes(count: 1, timeout: 30).count == 1)
      #expect(first.terminate() == 0)

      CaptureWriter.write(Captures.jpeg(seed: 2), to: fixture.path("while-down-written.jpg"))
      CaptureWriter.renameIn(Captures.jpeg(seed: 3), to: fixture.path("while-down-renamed.jpg"))
      CaptureWriter.write(Captures.jpeg(seed: 4), to: fixture.path("while-down-slow.jpg"), chunks: 3, pause: 0.1)
      CaptureWriter.write(Captures.jpeg(seed: 5), to: fixture.path(".while-down-hidden.jpg"))
      let second = try fixture.start()
      // The files written while down are young: the start-up scan takes them once they have settled.
      _ = try fixture.waitForOutcomes(count: 4, timeout: 30)
      CaptureWriter.write(Captures.jpeg(seed: 6), to: fixture.path("after-start.jpg"))
      try #require(try fixture.waitForOutcome(named: "after-start.jpg"), "\(second.log)")
      #expect(second.terminate() == 0)

      let outcomes = try fixture.outcomes()
      #expect(
        outcomes.map(\.name).sorted() == [
          "after-start.jpg", "before.jpg", "while-down-renamed.jpg", "while-down-slow.jpg", "while-down-written.jpg",
        ])
      #expect(outcomes.allSatisfy { $0.outcome != "rejected" && $0.outcome != "failed" })
    }

    /// Claims a killed daemon left whose files were removed or replaced before the restart each get an outcome
    /// (none stays `claimed`), `outcomes` lists them as pending meanwhile, and a replacement is analysed as a
    /// capture of its own.
    @Test func claimsWhoseFileWentOrChangedBeforeARestartGetAnOutcome() throws {
      let fixture = try DaemonFixture()
      let names = ["kept.jpg", "removed.jpg", "replaced.jpg"]
      do {
        let crashed = Ledger(database: try Database(path: fixture.databasePath), run: 1)
        for (index, name) in names.enumerated() {
          CaptureWriter.write(Captures.jpeg(seed: UInt64(20 + index)), to: fixture.path(name))
          let key = CaptureKey(path: FilePath(fixture.path(name)), status: try fileStatus(atPath: fixture.path(name)))
          _ = try crashed.claim(key, at: 1)
        }
      }
      try FileManager.default.removeItem(atPath: fixture.path("removed.jpg"))
      CaptureWriter.renameIn(Captures.jpeg(seed: 30), to: fixture.path("replaced.jpg"))
      #expect(try fixture.pendingClaims().sorted() == names.map(fixture.path))

      let daemon = try fixture.start()
      let outcomes = try fixture.waitForOutcomes(count: 4, timeout: 30)
      #expect(daemon.terminate() == 0)
      #expect(try fixture.pendingClaims() == [])
      let byName = Dictionary(grouping: outcomes, by: \.name)
      #expect(byName["removed.jpg"]?.map(\.reason) == ["vanished: the file was removed before it was processed"])
      let replaced = byName["replaced.jpg"] ?? []
      #expect(replaced.count == 2 && replaced.filter { $0.reason.hasPrefix("replaced: ") }.count == 1)
      #expect(replaced.contains { $0.outcome != "rejected" && $0.sha256 == SHA256.hex(of: Captures.jpeg(seed: 30)) })
      #expect(byName["kept.jpg"]?.count == 1 && byName["kept.jpg"]?.first?.outcome != "rejected")
    }

    /// A daemon killed after committing a group of outcomes but before reporting them (moving the files, the
    /// journal entries): the next start moves each file that is still the one analysed and logs each outcome,
    /// once, naming the model that decided it (the run killed had another); the start after that does neither
    /// again. One of the files was moved before the kill and a new file took its name: that one stays, and is a
    /// capture of its own.
    @Test func outcomesCommittedButNotReportedBeforeAKillAreReportedOnceAtTheNextStart() throws {
      let archive = TemporaryDirectory()
      let fixture = try DaemonFixture(capture: "disposition = move\narchive_directory = \(archive.path)")
      let names = ["a.jpg", "b.jpg", "c.jpg", "moved.jpg"]
      var ids: [String] = []
      let earlier = ModelIdentity(name: "earlier-model", version: "0.9", sha256: String(repeating: "e", count: 64))
      do {
        let killed = Ledger(database: try Database(path: fixture.databasePath), run: 1)
        for (index, name) in names.enumerated() {
          CaptureWriter.write(Captures.jpeg(seed: UInt64(40 + index)), to: fixture.path(name))
          let key = CaptureKey(path: FilePath(fixture.path(name)), status: try fileStatus(atPath: fixture.path(name)))
          ids.append(try killed.claim(key, at: 1).id)
        }
        try killed.record(
          ids.map {
            (
              id: $0, outcome: OutcomeRecord(outcome: .negative, label: "normal", model: earlier, recordedAt: 2),
              finding: nil
            )
          })
      }
      try FileManager.default.moveItem(atPath: fixture.path("moved.jpg"), toPath: archive.path + "/\(ids[3])-moved.jpg")
      CaptureWriter.write(Captures.jpeg(seed: 50), to: fixture.path("moved.jpg"))

      let first = try fixture.start()
      let outcomes = try fixture.waitForOutcomes(count: 5, timeout: 30)
      #expect(first.terminate() == 0)
      #expect(outcomes.count == 5)
      let archived = try FileManager.default.contentsOfDirectory(atPath: archive.path).sorted()
      let newCapture = outcomes.first { !ids.contains($0.capture) }?.capture ?? "none"
      #expect(archived == (zip(ids, names).map { "\($0)-\($1)" } + ["\(newCapture)-moved.jpg"]).sorted())
      for id in ids {
        #expect(first.log.components(separatedBy: "capture \(id): negative").count == 2, "\(id) not logged once")
        let line = first.log.split(separator: "\n").first { $0.contains("capture \(id): negative") } ?? ""
        #expect(line.contains("EDGEDIAG_MODEL=earlier-model") && line.contains("EDGEDIAG_MODEL_VERSION=0.9"), "\(line)")
      }

      let second = try fixture.start()
      #expect(second.terminate() == 0)
      for id in ids { #expect(!second.log.contains("capture \(id):"), "\(id) reported again") }
      #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path).sorted() == archived)
    }

    /// The camera is halfway through a file when the daemon starts: the start-up scan must not take the half
    /// file (a spurious `rejected`, or a quarantine move under the writer), only the whole one once it is closed.
    @Test func aFileBeingWrittenAtStartIsTakenOnceWhenComplete() throws {
      let fixture = try DaemonFixture()
      let bytes = Captures.jpeg(seed: 6)
      let descriptor = open(fixture.path("being-written.jpg"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      try #require(descriptor >= 0)
      let half = bytes.count / 2
      bytes.withUnsafeBytes { #expect(Glibc.write(descriptor, $0.baseAddress!, half) == half) }
      CaptureWriter.write(Captures.jpeg(seed: 7), to: fixture.path("complete.jpg"))
      let daemon = try fixture.start()
      Thread.sleep(forTimeInterval: 0.5)
      bytes.withUnsafeBytes {
        #expect(Glibc.write(descriptor, $0.baseAddress! + half, bytes.count - half) == bytes.count - half)
      }
      close(descriptor)
      // complete.jpg is as young as the half file at start: it is taken when the settle time has passed.
      _ = try fixture.waitForOutcomes(count: 2, timeout: 30)
      Thread.sleep(forTimeInterval: 2.5)  // a second outcome for either file would have arrived by now
      #expect(daemon.terminate() == 0)
      let outcomes = try fixture.outcomes()
      #expect(outcomes.map(\.name).sorted() == ["being-written.jpg", "complete.jpg"])
      #expect(outcomes.allSatisfy { $0.outcome != "rejected" && $0.outcome != "failed" })
    }

    /// SIGTERM with a backlog: the workers finish what they hold, and exactly the captures the daemon says it
    /// left queued stay claimed (no outcome), to be processed by the next start under the same ids.
    @Test func aStopWithABacklogLeavesCapturesClaimedAndTheNextStartProcessesThem() throws {
      // One worker and a stop at the first outcome: 299 captures cannot all be done by the time SIGTERM lands.
      let fixture = try DaemonFixture(workers: 1)
      let names = (0..<300).map { String(format: "IMG_%04d.jpg", $0) }
      let images = (0..<8).map { Captures.jpeg(seed: UInt64($0)) }
      for (index, name) in names.enumerated() { CaptureWriter.write(images[index % 8], to: fixture.path(name)) }
      let first = try fixture.start()
      _ = try fixture.waitForOutcomes(count: 1, timeout: 120)
      #expect(first.terminate() == 0)
      let left = try #require(
        queuedAtStop(first.log), "the daemon did not log how many captures it left queued:\n\(first.log)")
      try #require(left > 0, "every capture was done before the stop: there was no backlog to leave")

      let done = try fixture.outcomes()
      let ledger = Ledger(database: try Database(path: fixture.databasePath, mode: .readOnly), run: 0)
      let claimed = try ledger.pending()
      #expect(claimed.count == left, "\(claimed.count) claims without an outcome, \(left) captures left queued")
      #expect(done.count == 300 - left, "\(done.count) outcomes, \(left) captures left queued")

      let second = try fixture.start()
      _ = try fixture.waitForOutcomes(count: 300, stall: 60)
      // Taken after every claim the restart made: a second outcome for any of them would be recorded by then.
      CaptureWriter.write(Captures.jpeg(seed: 9), to: fixture.path("after-start.jpg"))
      try #require(try fixture.waitForOutcome(named: "after-start.jpg"), "\(second.log)")
      #expect(second.terminate() == 0)
      let outcomes = try fixture.outcomes()
      expectOneOutcomeEach(outcomes, for: names + ["after-start.jpg"])
      // Processed under the ids they were claimed with, and not taken for captures that crash the daemon.
      let ids = Set(outcomes.map(\.capture))
      #expect(claimed.allSatisfy { ids.contains($0.id) })
      #expect(outcomes.allSatisfy { ["negative", "finding", "uncertain"].contains($0.outcome) })
    }
  }
}

/// The number of captures the daemon said it left queued when it stopped ("N queued captures stay for the next
/// start").
func queuedAtStop(_ log: String) -> Int? {
  guard let match = log.firstMatch(of: /(\d+) queued captures stay for the next start/) else { return nil }
  return Int(match.1)
}

import Foundation
import Pipeline
import Platform
import Testing

extension EndToEnd {
  /// Many captures at once.
  @Suite struct Flood {
    @Test func aThousandFilesDroppedAtOnceEachGetExactlyOneOutcome() throws {
      let fixture = try DaemonFixture()
      let daemon = try fixture.start()
      let images = (0..<16).map { Captures.jpeg(seed: UInt64($0)) }
      // Half written in place, half renamed in from a folder beside the capture folder.
      let staging = fixture.directory.path + "/staging"
      try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
      var names: [String] = []
      for index in 0..<1000 {
        let name = String(format: "IMG_%04d.jpg", index)
        if index % 2 == 0 {
          CaptureWriter.write(images[index % images.count], to: fixture.path(name))
        } else {
          CaptureWriter.write(images[index % images.count], to: staging + "/" + name)
        }
        names.append(name)
      }
      for name in names where FileManager.default.fileExists(atPath: staging + "/" + name) {
        #expect(rename(staging + "/" + name, fixture.path(name)) == 0)
      }

      _ = try fixture.waitForOutcomes(count: 1000, stall: 60)
      Thread.sleep(forTimeInterval: 0.5)
      #expect(daemon.terminate() == 0)
      let outcomes = try fixture.outcomes()
      expectOneOutcomeEach(outcomes, for: names)
      #expect(Set(outcomes.map(\.capture)).count == outcomes.count, "two outcomes under one capture id")
      #expect(outcomes.allSatisfy { ["negative", "finding", "uncertain"].contains($0.outcome) })
    }

    /// More files in the folder than the backlog holds (4,096), nearly all recorded by an earlier run, and new
    /// ones written while the daemon was down (so inotify never reports them) that sort last: the scans at start
    /// must reach them. Recorded files take no room in the backlog; if they did, every scan would stop at the same
    /// first 4,096 and the new files would never be claimed.
    @Test func aScanOfMoreFilesThanTheBacklogHoldsReachesTheNewOnesSortingLast() throws {
      let fixture = try DaemonFixture(capture: "settle_milliseconds = 0")
      let recorded = (0..<4200).map { String(format: "IMG_%05d.jpg", $0) }
      do {
        let earlier = Ledger(database: try Database(path: fixture.databasePath), run: 1)
        var ids: [String] = []
        for name in recorded {
          // Never read again: it has its outcome.
          CaptureWriter.write([0xFF, 0xD8], to: fixture.path(name))
          let key = CaptureKey(path: FilePath(fixture.path(name)), status: try fileStatus(atPath: fixture.path(name)))
          ids.append(try earlier.claim(key, at: 1).id)
        }
        let negative = OutcomeRecord(outcome: .negative, label: "normal", recordedAt: 2)
        try earlier.record(ids.map { (id: $0, outcome: negative, finding: nil) })
        try earlier.markReported(ids)
      }
      // "new_" sorts after "IMG_" byte by byte.
      let new = (0..<20).map { String(format: "new_%02d.jpg", $0) }
      for (index, name) in new.enumerated() {
        CaptureWriter.write(Captures.jpeg(seed: UInt64(index)), to: fixture.path(name))
      }

      let daemon = try fixture.start()
      _ = try fixture.waitForOutcomes(count: recorded.count + new.count, stall: 30)
      #expect(daemon.terminate() == 0)
      expectOneOutcomeEach(try fixture.outcomes(), for: recorded + new)
    }
  }
}

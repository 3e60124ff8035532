import Foundation
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
  }
}

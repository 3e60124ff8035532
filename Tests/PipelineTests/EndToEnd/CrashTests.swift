import Foundation
import Pipeline
import Synchronization
import Synthesis
import Testing

extension EndToEnd {
  /// SIGKILL at random moments while captures flow in: nothing is lost, nothing is recorded twice.
  @Suite struct Crash {
    @Test func killedAtRandomMomentsTheDaemonStillGivesEveryCaptureOneOutcomeAndEveryFindingOneEntry() throws {
      // A low threshold, so that a good share of the captures are findings.
      let fixture = try DaemonFixture(findingThreshold: 0.3)
      let flow = CaptureFlow(folder: fixture.capture)
      let writer = Thread { flow.run() }
      writer.start()
      var random = SplitMix64(seed: 20_251_125)
      var kills = 0
      for _ in 0..<24 {
        let daemon = try fixture.start(waitUntilReady: false)
        Thread.sleep(forTimeInterval: Double.random(in: 0.05...1.2, using: &random))
        if daemon.isRunning { kills += 1 }
        daemon.killNow()
        #expect(daemon.process.terminationReason == .uncaughtSignal, "the daemon exited by itself: \(daemon.log)")
      }
      let names = flow.stop()
      #expect(kills >= 20)

      let last = try fixture.start()
      _ = try fixture.waitForOutcomes(count: names.count, stall: 60)
      Thread.sleep(forTimeInterval: 0.5)
      #expect(last.terminate() == 0)

      let outcomes = try fixture.outcomes()
      expectOneOutcomeEach(outcomes, for: names)
      #expect(outcomes.allSatisfy { $0.outcome != "rejected" })
      // Only a worker's start counts as an attempt, so captures that merely waited in the backlog through the
      // kills are processed normally, never given up on as "interrupted".
      let failed = outcomes.filter { $0.outcome == "failed" }
      #expect(failed.isEmpty, "\(failed.count) failed, e.g. \(failed.first.map { "\($0.name): \($0.reason)" } ?? "")")

      let findings = outcomes.filter { $0.outcome == "finding" }.map { fixture.findingID(imageSHA256: $0.sha256 ?? "") }
      let outbox = try fixture.outboxFindings()
      #expect(findings.count > names.count / 10, "\(findings.count) findings in \(names.count) captures")
      #expect(outbox.count == Set(outbox).count, "a finding is in the outbox twice")
      #expect(Set(outbox) == Set(findings))
    }
  }
}

/// A writer thread that adds a capture every 30 ms, alternately written in place and renamed in, until stopped.
/// The captures repeat 16 images, except that every `newImageEvery`-th capture (if given) is an image not seen
/// before, so that new findings keep coming however long the flow runs.
final class CaptureFlow: Sendable {
  let folder: String
  private let images = (0..<16).map { Captures.jpeg(seed: UInt64($0)) }
  private let newImageEvery: Int?
  private let written = Mutex<[String]>([])
  private let stopped = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)

  init(folder: String, newImageEvery: Int? = nil) {
    self.folder = folder
    self.newImageEvery = newImageEvery
  }

  func run() {
    var index = 0
    while !stopped.load(ordering: .acquiring) {
      let name = String(format: "IMG_%05d.jpg", index)
      let bytes =
        if let newImageEvery, index % newImageEvery == 0 {
          Captures.jpeg(seed: UInt64(1000 + index))
        } else {
          images[index % images.count]
        }
      if index % 2 == 0 {
        CaptureWriter.write(bytes, to: folder + "/" + name)
      } else {
        CaptureWriter.renameIn(bytes, to: folder + "/" + name)
      }
      written.withLock { $0.append(name) }
      index += 1
      Thread.sleep(forTimeInterval: 0.03)
    }
    finished.store(true, ordering: .releasing)
  }

  /// Stops the writer and returns the names of the files it wrote.
  func stop() -> [String] {
    stopped.store(true, ordering: .releasing)
    while !finished.load(ordering: .acquiring) { Thread.sleep(forTimeInterval: 0.01) }
    return written.withLock { $0 }
  }
}

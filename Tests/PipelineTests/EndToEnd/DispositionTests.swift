import Foundation
import TestSupport
import Testing

extension EndToEnd {
  /// With `disposition = move`, recorded captures leave the capture folder: rejected ones to the quarantine
  /// folder, the others to the archive, each named by its capture id so reused camera file names never clash.
  @Suite struct Disposition {
    @Test func recordedCapturesMoveToArchiveOrQuarantine() throws {
      let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-dispose-\(UUID().uuidString)")
      let archive = base.appendingPathComponent("archive").path
      let quarantine = base.appendingPathComponent("quarantine").path
      defer { try? FileManager.default.removeItem(at: base) }
      let fixture = try DaemonFixture(
        capture: "disposition = move\narchive_directory = \(archive)\nquarantine_directory = \(quarantine)")
      let daemon = try fixture.start()
      CaptureWriter.write(Captures.jpeg(seed: 3), to: fixture.path("good.jpg"))
      CaptureWriter.write(Captures.truncated, to: fixture.path("bad.jpg"))
      let outcomes = try fixture.waitForOutcomes(count: 2, timeout: 30)
      #expect(daemon.terminate() == 0)

      let byName = Dictionary(outcomes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      let good = try #require(byName["good.jpg"])
      let bad = try #require(byName["bad.jpg"])
      #expect(!FileManager.default.fileExists(atPath: fixture.path("good.jpg")))
      #expect(!FileManager.default.fileExists(atPath: fixture.path("bad.jpg")))
      #expect(FileManager.default.fileExists(atPath: archive + "/\(good.capture)-good.jpg"))
      #expect(FileManager.default.fileExists(atPath: quarantine + "/\(bad.capture)-bad.jpg"))
    }

    /// A name too long for "ID-" in front (NAME_MAX is 255 bytes) is shortened, keeping the capture id and the
    /// extension, rather than left in the capture folder.
    @Test func longNamesAreShortenedToFitTheArchive() throws {
      let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-long-\(UUID().uuidString)")
      let archive = base.appendingPathComponent("archive").path
      defer { try? FileManager.default.removeItem(at: base) }
      let fixture = try DaemonFixture(capture: "disposition = move\narchive_directory = \(archive)")
      let daemon = try fixture.start()
      let name = String(repeating: "é", count: 100) + String(repeating: "n", count: 36) + ".jpeg"  // 241 bytes
      CaptureWriter.write(Captures.jpeg(seed: 3), to: fixture.path(name))
      let outcome = try #require(try fixture.waitForOutcomes(count: 1, timeout: 30).first)
      #expect(daemon.log.contains("cannot move") == false)
      #expect(daemon.terminate() == 0)
      #expect(!FileManager.default.fileExists(atPath: fixture.path(name)))
      let archived = try FileManager.default.contentsOfDirectory(atPath: archive)
      #expect(
        archived == [
          outcome.capture + "-" + String(repeating: "é", count: 100) + String(repeating: "n", count: 33) + ".jpeg"
        ])
      #expect(archived.first?.utf8.count == 255)
    }

    /// A move that fails (the archive folder cannot be made: a file is in its way) leaves the capture in place,
    /// recorded, and says so naming the capture as `[journal] capture_names` asks, like its outcome entry.
    @Test func aFailedMoveIsLoggedNamingTheCaptureAsConfigured() throws {
      let base = TemporaryDirectory()
      FileManager.default.createFile(atPath: base.path + "/in-the-way", contents: Data())
      let fixture = try DaemonFixture(
        capture: "disposition = move\narchive_directory = \(base.path)/in-the-way/archive")
      let config = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
      fixture.directory.write("edgediag.conf", config + "[journal]\ncapture_names = basename\n")
      let daemon = try fixture.start()
      CaptureWriter.write(Captures.jpeg(seed: 3), to: fixture.path("stays.jpg"))
      #expect(daemon.waitUntilLogged("capture stays.jpg: recorded, but cannot move it", timeout: 30), "\(daemon.log)")
      #expect(daemon.terminate() == 0)
      #expect(try fixture.outcomes().map(\.name) == ["stays.jpg"])
      #expect(FileManager.default.fileExists(atPath: fixture.path("stays.jpg")))
      let line = daemon.log.split(separator: "\n").first { $0.contains("cannot move it") } ?? ""
      #expect(line.contains("EDGEDIAG_CAPTURE_NAME=stays.jpg"), "\(line)")
    }
  }
}

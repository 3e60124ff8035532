import Foundation
import Pipeline
import Systemd
import TestSupport
import Testing

extension ServiceTests {
  /// What `edgediag run` writes to a real journald for captures, read back with `journalctl -o json`.
  @Suite struct JournalEntryTests {
    init() throws { try ensureJournald() }

    static let modelFields = [
      "EDGEDIAG_MODEL": "service-test", "EDGEDIAG_MODEL_VERSION": "1.2.3",
    ]

    /// Drops a good and a truncated capture, waits for both outcomes, stops the daemon; every entry of its
    /// process and the two capture file names.
    static func runTwoCaptures(settings: String = "") throws -> (entries: [[String: String]], names: [String]) {
      let daemon = try ServiceDaemon(settings: settings, notify: false)
      let names = ["PATIENT-\(UUID().uuidString.prefix(8)).jpg", "ACCESSION-\(UUID().uuidString.prefix(8)).jpg"]
      try daemon.drop(names[0], goodCapture())
      try daemon.drop(names[1], truncatedCapture())
      _ = try daemon.waitForJournal([.captureFinding, .captureRejected])
      #expect(daemon.stop() == 0, "\(daemon.output)")
      // The stopping entry is written just before exit.
      let all = try daemon.waitForJournal([.captureFinding, .captureRejected, .stopping])
      return (all, names)
    }

    @Test func captureEntriesCarryDocumentedFieldsPrioritiesAndMessageIDs() throws {
      let (entries, names) = try Self.runTwoCaptures()
      let byID = { (event: Event) in ServiceDaemon.entries(entries, event) }

      let started = try #require(byID(.started).first, "no started entry among \(entries)")
      #expect(started["EDGEDIAG_VERSION"] == edgediagVersion)
      #expect(started["PRIORITY"] == "5")
      let ready = try #require(byID(.ready).first, "no ready entry among \(entries)")
      #expect(ready["PRIORITY"] == "5")
      #expect(ready["SYSLOG_IDENTIFIER"] == "edgediag")

      let finding = try #require(byID(.captureFinding).first, "no finding entry among \(entries)")
      #expect(finding["PRIORITY"] == "5")
      #expect(finding["SYSLOG_IDENTIFIER"] == "edgediag")
      #expect(finding["EDGEDIAG_OUTCOME"] == "finding")
      #expect(finding["EDGEDIAG_LABEL"]?.hasPrefix("class") == true)
      let score = try #require(finding["EDGEDIAG_SCORE"].flatMap(Double.init))
      #expect(score >= 0.05 && score <= 1)
      #expect(finding["EDGEDIAG_DECODE_US"].flatMap(Int.init).map { $0 >= 0 } == true)
      #expect(finding["EDGEDIAG_LATENCY_US"].flatMap(Int.init).map { $0 > 0 } == true)
      #expect(finding["EDGEDIAG_MODEL_SHA256"]?.count == 64)

      let rejected = try #require(byID(.captureRejected).first, "no rejected entry among \(entries)")
      #expect(rejected["PRIORITY"] == "4")
      #expect(rejected["EDGEDIAG_OUTCOME"] == "rejected")
      #expect(rejected["EDGEDIAG_REASON"]?.hasPrefix("truncated") == true)
      #expect(rejected["EDGEDIAG_LABEL"] == nil)

      for entry in [finding, rejected] {
        let id = try #require(entry["EDGEDIAG_CAPTURE"])
        #expect(id.count == 16 && id.allSatisfy(\.isHexDigit), "capture id \(id) is not opaque")
        #expect(entry["MESSAGE"]?.contains(id) == true)
        #expect(entry["EDGEDIAG_CAPTURE_NAME"] == nil)
        for (name, value) in Self.modelFields { #expect(entry[name] == value) }
      }
      #expect(finding["EDGEDIAG_CAPTURE"] != rejected["EDGEDIAG_CAPTURE"])

      // Each entry carries the fields its catalog text names.
      for (event, entry) in [
        (Event.captureFinding, finding), (.captureRejected, rejected), (.started, started), (.ready, ready),
      ] {
        for field in event.catalogFields { #expect(entry[field] != nil, "\(event) entry lacks \(field)") }
      }

      // capture_names = id: no field of any entry of this process names a capture file.
      for entry in entries {
        for (field, value) in entry {
          for name in names {
            let base = String(name.dropLast(".jpg".count))
            #expect(!value.contains(base), "\(field) names the capture: \(value)")
          }
        }
      }
    }

    @Test func captureNamesBasenameAddsTheFileName() throws {
      let (entries, names) = try Self.runTwoCaptures(settings: "[journal]\ncapture_names = basename")
      let captures = entries.filter { $0["EDGEDIAG_CAPTURE"] != nil }
      #expect(Set(captures.compactMap { $0["EDGEDIAG_CAPTURE_NAME"] }) == Set(names))
      for entry in captures {
        let name = try #require(entry["EDGEDIAG_CAPTURE_NAME"])
        #expect(entry["MESSAGE"]?.contains(name) == true)
        #expect(entry["MESSAGE"]?.contains("/") == false, "basename naming must not show the folder")
      }
    }
  }
}

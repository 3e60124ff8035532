import Foundation
import TestSupport
import Testing

@testable import Systemd

/// Entries sent to a real journald and read back with journalctl.
@Suite struct JournalTests {
  init() throws {
    try ensureJournald()
  }

  /// The journal entries whose field `name` has `value`, as JSON objects; waits up to 5 s for `count` of them.
  static func entries(_ name: String, _ value: String, count: Int) throws -> [[String: Any]] {
    var found: [[String: Any]] = []
    for _ in 0..<50 {
      let output = try run("/usr/bin/journalctl", "--no-pager", "-o", "json", "--all", "\(name)=\(value)").output
      found = output.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
      if found.count >= count { break }
      usleep(100_000)
    }
    return found
  }

  @Test func structuredEntryArrivesWithFieldsPriorityAndMessageID() throws {
    let marker = UUID().uuidString
    let journal = Journal(destination: .journal)
    journal.send(
      priority: .notice, message: "Capture 42 has a finding\nsecond line", messageID: testMessageID,
      fields: [("CAPTURE_ID", "42"), ("LABEL", "lesion"), ("EDGEDIAG_TEST_RUN", marker)])
    journal.send(priority: .debug, message: "plain entry", fields: [("EDGEDIAG_TEST_RUN", marker)])

    let entries = try JournalTests.entries("EDGEDIAG_TEST_RUN", marker, count: 2)
    #expect(entries.count == 2)
    let finding = try #require(entries.first { $0["MESSAGE_ID"] != nil })
    #expect(finding["MESSAGE"] as? String == "Capture 42 has a finding\nsecond line")
    #expect(finding["MESSAGE_ID"] as? String == testMessageID.description)
    #expect(finding["PRIORITY"] as? String == "5")
    #expect(finding["CAPTURE_ID"] as? String == "42")
    #expect(finding["LABEL"] as? String == "lesion")
    #expect(finding["SYSLOG_IDENTIFIER"] as? String == "edgediag")
    #expect(finding["_PID"] as? String == String(getpid()))

    let plain = try #require(entries.first { $0["MESSAGE_ID"] == nil })
    #expect(plain["MESSAGE"] as? String == "plain entry")
    #expect(plain["PRIORITY"] as? String == "7")
  }

  @Test func entriesCanBeSelectedByMessageID() throws {
    let marker = UUID().uuidString
    Journal(destination: .journal, identifier: "edgediag-test").send(
      priority: .warning, message: "rescanning", messageID: testMessageID, fields: [("EDGEDIAG_TEST_RUN", marker)])
    _ = try JournalTests.entries("EDGEDIAG_TEST_RUN", marker, count: 1)
    let output = try run(
      "/usr/bin/journalctl", "--no-pager", "-o", "json", "--output-fields=MESSAGE_ID,PRIORITY,EDGEDIAG_TEST_RUN",
      "MESSAGE_ID=\(testMessageID)", "SYSLOG_IDENTIFIER=edgediag-test"
    ).output
    #expect(output.contains(marker))
    #expect(output.contains("\"PRIORITY\":\"4\""))
  }

  @Test func fieldNamesFollowJournaldRules() {
    for valid in ["CAPTURE_ID", "A", "X9_", String(repeating: "A", count: 64)] {
      #expect(Journal.isValidFieldName(valid), "\(valid)")
    }
    for invalid in [
      "", "_PID", "9LIVES", "capture_id", "CAPTURE-ID", "CAPTURE ID", "É", String(repeating: "A", count: 65),
    ] {
      #expect(!Journal.isValidFieldName(invalid), "\(invalid)")
    }
  }
}

/// A `MESSAGE_ID` for the journal's own tests (the daemon's events and their catalog live in Pipeline).
let testMessageID = MessageID(0x2f6b_9c1e_07d4_4a58, 0xb3e1_5a92_c4f0_7d16)

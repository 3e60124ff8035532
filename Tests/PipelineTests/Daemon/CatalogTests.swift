import Foundation
import Pipeline
import Systemd
import TestSupport
import Testing

/// systemd/edgediag.catalog, split into entries by their "-- id" headers.
struct Catalog {
  struct Entry {
    var headers: [String: String] = [:]
    var body = ""
  }
  var entries: [String: Entry] = [:]
  var duplicates: [String] = []

  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("systemd/edgediag.catalog")
    .path

  init() throws {
    var current: String?
    var inBody = false
    for line in try String(contentsOfFile: Catalog.path, encoding: .utf8).components(separatedBy: "\n") {
      if line.hasPrefix("-- ") {
        let id = String(line.dropFirst(3))
        if entries[id] != nil { duplicates.append(id) }
        entries[id] = Entry()
        current = id
        inBody = false
      } else if let id = current {
        if inBody {
          entries[id]!.body += line + "\n"
        } else if line.isEmpty {
          inBody = true
        } else if let colon = line.firstIndex(of: ":") {
          entries[id]!.headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(
            in: .whitespaces)
        }
      }
    }
  }
}

@Test func catalogAndEventsHaveTheSameIDs() throws {
  let catalog = try Catalog()
  #expect(catalog.duplicates.isEmpty)
  let eventIDs = Event.allCases.map(\.messageID.description)
  #expect(Set(eventIDs).count == Event.allCases.count, "two events share an id")
  #expect(Set(catalog.entries.keys) == Set(eventIDs))
}

@Test(arguments: Event.allCases)
func catalogEntryExplainsEvent(event: Event) throws {
  let entry = try #require(try Catalog().entries[event.messageID.description])
  #expect(entry.headers["Subject"]?.isEmpty == false)
  #expect(entry.headers["Defined-By"] == "edgediag")
  #expect(entry.headers["Documentation"]?.isEmpty == false)
  #expect(entry.body.trimmingCharacters(in: .whitespacesAndNewlines).count > 40)
  let placeholders = try Regex("@([A-Z0-9_]+)@")
  let referenced = Set(entry.body.matches(of: placeholders).map { String($0.output[1].substring!) })
  #expect(referenced == Set(event.catalogFields))
  #expect(event.catalogFields.allSatisfy(Journal.isValidFieldName))
}

@Test func journalctlAcceptsTheCatalog() throws {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-catalog-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: root) }
  let catalogDirectory = root.appendingPathComponent("usr/lib/systemd/catalog")
  try FileManager.default.createDirectory(at: catalogDirectory, withIntermediateDirectories: true)
  try FileManager.default.createDirectory(
    at: root.appendingPathComponent("var/lib/systemd/catalog"), withIntermediateDirectories: true)
  try FileManager.default.copyItem(
    atPath: Catalog.path, toPath: catalogDirectory.appendingPathComponent("edgediag.catalog").path)
  #expect(try run("/usr/bin/journalctl", "--root=\(root.path)", "--update-catalog").status == 0)
  let listed = try run("/usr/bin/journalctl", "--root=\(root.path)", "--list-catalog")
  let ids = Set(listed.output.split(separator: "\n").map { String($0.prefix(32)) })
  #expect(ids == Set(Event.allCases.map(\.messageID.description)))
}

@Test func messageIDRendersAndParsesHex() {
  let id = MessageID(0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210)
  #expect(id.description == "0123456789abcdeffedcba9876543210")
  #expect(MessageID(hex: "0123456789ABCDEFfedcba9876543210") == id)
  #expect(MessageID(hex: "0123456789abcdeffedcba987654321") == nil)
  #expect(MessageID(hex: "0123456789abcdeffedcba987654321g") == nil)
}

import Foundation
import Pipeline
import Testing

/// `config/edgediag.conf` documents every key with its default, commented out as `#key = default`; these tests
/// keep it and `Configuration` from drifting apart.
@Suite struct DocumentedConfigTests {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config/edgediag.conf").path

  /// The documented settings: every `#key = value` line (no blank after `#`), uncommented.
  static func documented() throws -> [IniEntry] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix("#") && !line.hasPrefix("# ") && line.contains("=") ? line.dropFirst() : line
    }.joined(separator: "\n")
    return try IniFile.parse(uncommented, file: path)
  }

  @Test func theShippedFileParsesToTheDefaults() throws {
    #expect(try Configuration.load(path: Self.path) == Configuration())
  }

  @Test func everyKnownKeyIsDocumentedAndEveryDocumentedKeyIsKnown() throws {
    let documented = try Self.documented().map { "[\($0.section)] \($0.key)" }
    let known = Configuration.keys.map { "[\($0.section)] \($0.key)" }
    #expect(documented == known)
  }

  @Test func theDocumentedValuesAreTheDefaults() throws {
    let entries = try Self.documented()
    // Any key whose documented value differs from the code's default shows up here by name.
    for entry in entries where !entry.value.isEmpty {
      var reset = entry
      reset.value = ""
      #expect(try Configuration.parse([entry]) == Configuration.parse([reset]), "[\(entry.section)] \(entry.key)")
    }
    #expect(try Configuration.parse(entries) == Configuration())
  }
}

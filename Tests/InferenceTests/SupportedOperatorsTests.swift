import Foundation
import Testing

@testable import Inference

/// README's "Supported operators" table must list exactly the operators the reader accepts, each with its
/// accepted versions: an operator added in code without its README line (or the reverse) fails here.
@Suite struct SupportedOperatorsTests {
  /// `NAME` → `1–N` (or `1`), from the table's rows: | `NAME` | VERSIONS | types | notes |.
  static func readmeRows() throws -> [String: String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    guard let start = readme.range(of: "## Supported operators") else { return [:] }
    let section = readme[start.upperBound...]
    var rows: [String: String] = [:]
    for line in section.split(separator: "\n") {
      if line.hasPrefix("## ") { break }
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 2, cells[0].hasPrefix("`"), cells[0].hasSuffix("`") else { continue }
      rows[String(cells[0].dropFirst().dropLast())] = cells[1]
    }
    return rows
  }

  @Test func readmeListsEverySupportedOperatorWithItsVersions() throws {
    let rows = try Self.readmeRows()
    var supported: Set<String> = []
    for code in Int32(0)...Int32(255) {
      let kind = BuiltinOperator(code: code)
      guard let highest = kind.highestSupportedVersion else { continue }
      supported.insert(kind.name)
      #expect(rows[kind.name] == (highest == 1 ? "1" : "1–\(highest)"), "README: \(kind.name) versions")
    }
    #expect(Set(rows.keys) == supported, "README lists \(Set(rows.keys).symmetricDifference(supported).sorted())")
  }
}

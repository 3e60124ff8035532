import Foundation
import TestSupport
import Testing

@testable import Pipeline

@Suite struct IniFileTests {
  @Test func readsSectionsKeysAndValuesWithTheirLines() throws {
    let text = "# comment\n; other comment\n\n[one]\nkey = value with  blanks \r\nempty =\n  [two.b]  \nx=1=2\n"
    let entries = try IniFile.parse(text, file: "t.conf")
    #expect(
      entries == [
        IniEntry(section: "one", key: "key", value: "value with  blanks", file: "t.conf", line: 5),
        IniEntry(section: "one", key: "empty", value: "", file: "t.conf", line: 6),
        IniEntry(section: "two.b", key: "x", value: "1=2", file: "t.conf", line: 8),
      ])
  }

  @Test func valuesKeepHashesAndQuotes() throws {
    let entries = try IniFile.parse("[s]\nurl = https://h/#frag \"q\"", file: "t")
    #expect(entries.first?.value == "https://h/#frag \"q\"")
  }

  @Test(arguments: [
    ("key = 1", "t.conf:1: 'key' is outside any [section]"),
    ("[s]\njust words", "t.conf:2: [s] expected 'key = value', found 'just words'"),
    ("[s]\n = 3", "t.conf:2: [s] bad key name ''"),
    ("[s]\nbad key = 3", "t.conf:2: [s] bad key name 'bad key'"),
    ("[unclosed", "t.conf:1: bad section header '[unclosed'"),
    ("[]", "t.conf:1: bad section header '[]'"),
  ])
  func syntaxErrorsNameFileAndLine(text: String, message: String) {
    #expect(throws: ConfigError.self) { try IniFile.parse(text, file: "t.conf") }
    do { _ = try IniFile.parse(text, file: "t.conf") } catch { #expect(error.description == message) }
  }

  @Test func dropInsFollowTheMainFileInNameOrder() throws {
    let directory = TemporaryDirectory()
    let main = directory.write("edgediag.conf", "[a]\nx = main\n")
    directory.write("edgediag.conf.d/20-b.conf", "[a]\nx = twenty\n")
    directory.write("edgediag.conf.d/10-a.conf", "[a]\nx = ten\n")
    directory.write("edgediag.conf.d/30-c.conf.disabled", "[a]\nx = ignored\n")
    directory.write("edgediag.conf.d/.hidden.conf", "[a]\nx = ignored\n")
    let entries = try IniFile.loadWithDropIns(path: main)
    #expect(entries.map(\.value) == ["main", "ten", "twenty"])
    #expect(entries.last?.file == directory.path + "/edgediag.conf.d/20-b.conf")
  }

  @Test func aMissingDropInDirectoryIsFineButAMissingFileIsNot() throws {
    let directory = TemporaryDirectory()
    let main = directory.write("edgediag.conf", "[a]\nx = 1\n")
    #expect(try IniFile.loadWithDropIns(path: main).count == 1)
    do {
      _ = try IniFile.loadWithDropIns(path: directory.path + "/nope.conf")
      Issue.record("missing file accepted")
    } catch {
      #expect(error.description == directory.path + "/nope.conf: cannot read: No such file or directory")
    }
  }

  /// D5: a line that is not UTF-8 (a Latin-1 path, say) is refused at its line, never decoded into another path
  /// (`\xff` would become U+FFFD).
  @Test func aLineThatIsNotUTF8IsRefusedAtItsLine() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/edgediag.conf"
    try Data("[capture]\ndirectory = /srv/cap".utf8 + [0xFF] + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
    do {
      let entries = try IniFile.load(path: path)
      Issue.record("accepted as \(entries.map(\.value))")
    } catch {
      #expect(error.description.hasPrefix(path + ":2: not UTF-8 text: directory = /srv/cap\\xff"), "\(error)")
    }
  }
}

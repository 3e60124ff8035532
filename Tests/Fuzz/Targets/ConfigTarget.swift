import Pipeline

/// One input holds a config file and its drop-ins, separated by NUL bytes (which no INI text contains): each
/// part is parsed as the file `IniFile.loadWithDropIns` would read in that place, the entries are applied in
/// order as the daemon does, and the same entries are also read as a model card. Reading the files from disk
/// adds nothing to fuzz, so the parts are parsed from memory.
enum ConfigTarget {
  static func run(_ bytes: [UInt8]) {
    var entries: [IniEntry] = []
    for (index, part) in bytes.split(separator: 0, omittingEmptySubsequences: false).enumerated() {
      let file = index == 0 ? "edgediag.conf" : "edgediag.conf.d/\(index).conf"
      do { entries += try IniFile.parse(String(decoding: part, as: UTF8.self), file: file) } catch {
        _ = error.description
        return
      }
    }
    do { _ = try Configuration.parse(entries) } catch { _ = error.description }
    do { _ = try ModelCard.parse(entries, path: "model.conf") } catch { _ = error.description }
  }
}

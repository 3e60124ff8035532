import Platform

/// One `key = value` line of an INI file, with where it came from.
public struct IniEntry: Equatable, Sendable {
  public var section: String
  public var key: String
  /// The text after `=`, without surrounding blanks. Empty means "back to the default".
  public var value: String
  public var file: String
  public var line: Int

  /// A `ConfigError` located at this entry.
  func error(_ problem: ConfigError.Problem) -> ConfigError {
    ConfigError(file: file, line: line, section: section, problem: problem)
  }

  func invalid(_ expected: String) -> ConfigError {
    error(.invalidValue(key: key, value: value, expected: expected))
  }
}

/// The systemd-style INI syntax shared by the config file, its drop-ins and model cards.
///
/// - `[section]` starts a section; every key belongs to one.
/// - `key = value`; blanks around both are dropped; the value runs to the end of the line (no inline
///   comments, no quoting, as in systemd).
/// - Lines starting with `#` or `;` are comments; blank lines are ignored.
/// - Section and key names are letters, digits, `_`, `-` and `.`.
/// - A key set twice keeps its last value; later files override earlier ones.
public enum IniFile {
  /// The entries of `text`, read from `file` (named in errors), in order.
  public static func parse(_ text: String, file: String) throws(ConfigError) -> [IniEntry] {
    var entries: [IniEntry] = []
    var section: String?
    var lineNumber = 0
    // Split on the byte: as a Character, "\r\n" is one grapheme and would not match "\n".
    for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = trimmed(Substring(rawLine))
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      if line.hasPrefix("[") {
        let name = line.hasSuffix("]") ? String(trimmed(line.dropFirst().dropLast())) : ""
        guard isName(name) else {
          throw ConfigError(
            file: file, line: lineNumber, section: nil, problem: .syntax("bad section header '\(line)'"))
        }
        section = name
        continue
      }
      guard let equals = line.firstIndex(of: "=") else {
        throw ConfigError(
          file: file, line: lineNumber, section: section, problem: .syntax("expected 'key = value', found '\(line)'"))
      }
      let key = String(trimmed(line[..<equals]))
      guard isName(key) else {
        throw ConfigError(file: file, line: lineNumber, section: section, problem: .syntax("bad key name '\(key)'"))
      }
      guard let section else {
        throw ConfigError(
          file: file, line: lineNumber, section: nil, problem: .syntax("'\(key)' is outside any [section]"))
      }
      entries.append(
        IniEntry(
          section: section, key: key, value: String(trimmed(line[line.index(after: equals)...])), file: file,
          line: lineNumber))
    }
    return entries
  }

  /// The entries of the file at `path`.
  public static func load(path: String) throws(ConfigError) -> [IniEntry] {
    let bytes: [UInt8]
    // Config files and model cards are small; the limit stops a wrong path (a device, a huge file) early.
    do { bytes = try readFile(atPath: path, limit: 1 << 20) } catch {
      throw ConfigError(file: path, line: nil, section: nil, problem: .unreadable(error))
    }
    // Decoding would replace invalid bytes with U+FFFD, silently naming another path: refused instead.
    var lineNumber = 0
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      guard !String(decoding: line, as: UTF8.self).utf8.elementsEqual(line) else { continue }
      throw ConfigError(
        file: path, line: lineNumber, section: nil,
        problem: .syntax("not UTF-8 text: \(escapedForDisplay(line)); write the line (and the paths it names) in UTF-8")
      )
    }
    return try parse(String(decoding: bytes, as: UTF8.self), file: path)
  }

  /// The entries of the file at `path` followed by those of its drop-ins, `path.d/*.conf` in name order, so that
  /// applying them in order lets later files override earlier ones. A missing drop-in directory is no error.
  public static func loadWithDropIns(path: String) throws(ConfigError) -> [IniEntry] {
    var entries = try load(path: path)
    let directory = path + ".d"
    let dropIns: [DirectoryEntry]
    do { dropIns = try listDirectory(atPath: directory) } catch {
      guard error == .noSuchFileOrDirectory || error == .notDirectory else {
        throw ConfigError(file: directory, line: nil, section: nil, problem: .unreadable(error))
      }
      return entries
    }
    // listDirectory orders names by their bytes. Symbolic links (e.g. to a shared drop-in) are followed when read.
    for entry in dropIns where !entry.isDirectory {
      let bytes = entry.name.bytes
      guard bytes.first != UInt8(ascii: "."), bytes.suffix(5).elementsEqual(".conf".utf8) else { continue }
      // Paths in the configuration are text, and a drop-in's name is part of the file:line of its errors.
      guard let name = entry.name.text else {
        throw ConfigError(
          file: directory + "/" + entry.name.displayed, line: nil, section: nil,
          problem: .syntax("the file name is not UTF-8; rename the file"))
      }
      entries += try load(path: directory + "/" + name)
    }
    return entries
  }

  static func trimmed(_ text: Substring) -> Substring {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{FEFF}" }
    guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else {
      return ""
    }
    return text[first...last]
  }

  static func isName(_ name: String) -> Bool {
    !name.isEmpty
      && name.utf8.allSatisfy { byte in
        (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
          || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
      }
  }
}

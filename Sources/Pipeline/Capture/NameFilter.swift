import CPlatform
import Platform

/// Decides which file names in the capture folder are captures: not matching any ignore pattern (hidden and
/// temporary names: imaging software often writes `IMG.jpg.part` or `.IMG.jpg` and renames when done), and
/// with one of the accepted extensions. Patterns are shell globs, matched against the base name.
public struct NameFilter: Sendable {
  public var ignorePatterns: [String]
  /// Lowercase extensions without the dot; empty accepts every extension.
  public var extensions: [String]

  public init(ignorePatterns: [String] = [".*", "*.tmp", "*.part", "*~"], extensions: [String] = ["jpg", "jpeg"]) {
    self.ignorePatterns = ignorePatterns
    self.extensions = extensions.map { $0.asciiLowercased }
  }

  /// True if a file called `name` (a base name, as bytes) should be processed. An extension that is not UTF-8
  /// matches none of the configured ones, which are text. Case is ignored for A–Z only, byte by byte like the
  /// ignore patterns: `.\u{212A}DC` (KELVIN SIGN) is not the extension `kdc`.
  public func accepts(_ name: FilePath) -> Bool {
    if isIgnored(name) { return false }
    if extensions.isEmpty { return true }
    guard let dot = name.bytes.lastIndex(of: UInt8(ascii: ".")), dot != 0,
      let found = String(validating: name.bytes[(dot + 1)...], as: UTF8.self)
    else { return false }
    return extensions.contains(found.asciiLowercased)
  }

  /// True if a folder called `name` should be descended into (hidden and temporary folders are not).
  public func acceptsFolder(_ name: FilePath) -> Bool { !isIgnored(name) }

  /// Whether `name` matches an ignore pattern, byte by byte (the process keeps the C locale).
  private func isIgnored(_ name: FilePath) -> Bool {
    name.withPathCString { name in ignorePatterns.contains { fnmatch($0, name, 0) == 0 } }
  }
}

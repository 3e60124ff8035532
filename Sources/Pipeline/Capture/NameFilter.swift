import CPlatform

/// Decides which file names in the capture folder are captures: not matching any ignore pattern (hidden and
/// temporary names: imaging software often writes `IMG.jpg.part` or `.IMG.jpg` and renames when done), and
/// with one of the accepted extensions. Patterns are shell globs, matched against the base name.
public struct NameFilter: Sendable {
  public var ignorePatterns: [String]
  /// Lowercase extensions without the dot; empty accepts every extension.
  public var extensions: [String]

  public init(ignorePatterns: [String] = [".*", "*.tmp", "*.part", "*~"], extensions: [String] = ["jpg", "jpeg"]) {
    self.ignorePatterns = ignorePatterns
    self.extensions = extensions.map { $0.lowercased() }
  }

  /// True if a file called `name` (a base name) should be processed.
  public func accepts(_ name: String) -> Bool {
    if ignorePatterns.contains(where: { fnmatch($0, name, 0) == 0 }) { return false }
    if extensions.isEmpty { return true }
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
    return extensions.contains(name[name.index(after: dot)...].lowercased())
  }

  /// True if a folder called `name` should be descended into (hidden and temporary folders are not).
  public func acceptsFolder(_ name: String) -> Bool {
    !ignorePatterns.contains(where: { fnmatch($0, name, 0) == 0 })
  }
}

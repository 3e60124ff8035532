import Platform

/// A problem in a config file or model card, located by file, line and key, e.g.
/// `/etc/edgediag/edgediag.conf:12: [capture] unknown key 'directroy'`.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
  public enum Problem: Equatable, Sendable {
    /// The file could not be read.
    case unreadable(Errno)
    /// A line that is neither a comment, a `[section]` nor a `key = value`.
    case syntax(String)
    case unknownSection
    case unknownKey(String)
    /// `key = value` where the value is not what the key takes (`expected` says what it does take).
    case invalidValue(key: String, value: String, expected: String)
    /// A key that this file must set (model cards have no defaults for what describes the model).
    case missingKey(String)
    /// Values that do not fit together, e.g. `disposition = move` without an archive directory.
    case conflict(key: String, String)
  }

  /// The file at fault.
  public var file: String
  /// The 1-based line at fault, nil for problems of the whole file.
  public var line: Int?
  /// The section at fault, nil where none applies.
  public var section: String?
  public var problem: Problem

  public init(file: String, line: Int?, section: String?, problem: Problem) {
    self.file = file
    self.line = line
    self.section = section
    self.problem = problem
  }

  public var description: String {
    let location = file + (line.map { ":\($0)" } ?? "") + ": " + (section.map { "[\($0)] " } ?? "")
    switch problem {
    case .unreadable(let errno): return location + "cannot read: \(errno)"
    case .syntax(let detail): return location + detail
    case .unknownSection: return location + "unknown section"
    case .unknownKey(let key): return location + "unknown key '\(key)'"
    case .invalidValue(let key, let value, let expected):
      return location + "\(key) = '\(value)': expected \(expected)"
    case .missingKey(let key): return location + "missing key '\(key)'"
    case .conflict(let key, let detail): return location + "\(key): \(detail)"
    }
  }
}

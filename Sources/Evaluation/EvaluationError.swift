import Platform

/// Why `edgediag evaluate` could not produce a report.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
  /// A command-line argument is missing, unknown or out of range.
  case badArgument(String)
  /// A file could not be read or written.
  case file(path: String, Errno)
  /// A labels file line does not parse: its 1-based number and what is wrong.
  case badLabels(line: Int, String)
  /// The labels list no captures.
  case empty

  public var description: String {
    switch self {
    case .badArgument(let message): message
    case .file(let path, let errno): "\(path): \(errno.description)"
    case .badLabels(let line, let message): "labels.csv:\(line): \(message)"
    case .empty: "the labels list no captures"
    }
  }
}

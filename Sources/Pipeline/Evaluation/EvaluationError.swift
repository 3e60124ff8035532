import Platform

/// Why `edgediag evaluate` could not produce a report.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
  /// A command-line argument is missing, unknown or out of range.
  case badArgument(String)
  /// A file could not be read or written.
  case file(path: String, Errno)
  /// The labels file does not parse.
  case labels(SynthesisError)
  /// The labels list no captures.
  case empty

  public var description: String {
    switch self {
    case .badArgument(let message): message
    case .file(let path, let errno): "\(path): \(errno.description)"
    case .labels(let error): error.description
    case .empty: "the labels list no captures"
    }
  }
}

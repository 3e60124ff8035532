import Imaging
import Platform

/// Why `edgediag synth` or reading its `labels.csv` failed.
public enum SynthesisError: Error, Equatable, CustomStringConvertible {
  /// A command-line argument is missing, unknown or out of range; the message says which and why.
  case badArgument(String)
  /// A file or directory could not be written.
  case writeFailed(path: String, Errno)
  /// The JPEG encoder failed.
  case encodeFailed(ImagingError)
  /// A labels file line does not parse: its 1-based number and what is wrong.
  case badLabels(line: Int, String)

  public var description: String {
    switch self {
    case .badArgument(let message): message
    case .writeFailed(let path, let errno): "cannot write \(path): \(errno.description)"
    case .encodeFailed(let error): "JPEG encoding failed: \(error.description)"
    case .badLabels(let line, let message): "labels.csv:\(line): \(message)"
    }
  }
}

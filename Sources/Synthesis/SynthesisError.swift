import Imaging
import Platform

/// Why `edgediag synth` failed.
public enum SynthesisError: Error, Equatable, CustomStringConvertible {
  /// A file or directory could not be written.
  case writeFailed(path: String, Errno)
  /// The JPEG encoder failed.
  case encodeFailed(ImagingError)

  public var description: String {
    switch self {
    case .writeFailed(let path, let errno): "cannot write \(path): \(errno.description)"
    case .encodeFailed(let error): "JPEG encoding failed: \(error.description)"
    }
  }
}

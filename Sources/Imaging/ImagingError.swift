/// Why a capture could not be decoded or prepared. `reason` is the short, stable form recorded in outcomes;
/// `description` is the sentence for people.
public enum ImagingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input has no bytes at all.
  case empty
  /// The input does not start with a JPEG SOI marker; libjpeg's message.
  case notJPEG(String)
  /// The data ends before the image does; libjpeg's message.
  case truncated(String)
  /// The entropy-coded data or a marker segment is invalid; libjpeg's message.
  case corrupt(String)
  /// The file is larger than `DecodeLimits.maxFileBytes`.
  case fileTooLarge(bytes: Int, limit: Int)
  /// The frame header declares more pixels than `DecodeLimits.maxPixels`.
  case tooLarge(width: Int, height: Int, limit: Int)
  /// A progressive file has more scans than `DecodeLimits.maxScans`.
  case tooManyScans(limit: Int)
  /// Decoding needs more memory than `DecodeLimits.maxMemoryBytes`.
  case memoryLimit(limit: Int)
  /// The JPEG's colour space is not greyscale, YCbCr or RGB (CMYK and YCCK are rejected).
  case unsupportedColorSpace(String)
  /// A valid JPEG this build cannot decode (e.g. 12-bit samples); libjpeg's message.
  case unsupported(String)
  /// libjpeg could not encode the image; its message.
  case encodeFailed(String)

  /// A short machine-readable reason, e.g. "not-a-jpeg", "too-many-scans".
  public var reason: String {
    switch self {
    case .empty: "empty"
    case .notJPEG: "not-a-jpeg"
    case .truncated: "truncated"
    case .corrupt: "corrupt"
    case .fileTooLarge: "file-too-large"
    case .tooLarge: "too-large"
    case .tooManyScans: "too-many-scans"
    case .memoryLimit: "memory-limit"
    case .unsupportedColorSpace: "unsupported-color-space"
    case .unsupported: "unsupported"
    case .encodeFailed: "encode-failed"
    }
  }

  public var description: String {
    switch self {
    case .empty: "the file is empty"
    case .notJPEG(let message): "not a JPEG file (\(message))"
    case .truncated(let message): "the JPEG data is truncated (\(message))"
    case .corrupt(let message): "the JPEG data is corrupt (\(message))"
    case .fileTooLarge(let bytes, let limit): "the file has \(bytes) bytes, more than the limit of \(limit)"
    case .tooLarge(let width, let height, let limit):
      "the image is \(width)x\(height), more than the limit of \(limit) pixels"
    case .tooManyScans(let limit): "the progressive JPEG has more than \(limit) scans"
    case .memoryLimit(let limit): "decoding needs more than the memory limit of \(limit) bytes"
    case .unsupportedColorSpace(let space): "the JPEG colour space \(space) is not supported (only grey, YCbCr, RGB)"
    case .unsupported(let message): "the JPEG is not supported (\(message))"
    case .encodeFailed(let message): "JPEG encoding failed (\(message))"
    }
  }
}

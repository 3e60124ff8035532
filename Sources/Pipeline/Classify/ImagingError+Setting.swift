import Imaging

extension ImagingError {
  /// The `[capture]` setting whose limit a capture exceeded, named in its rejection so that whoever reads the
  /// outcome knows which key raises the limit; nil for errors that are not a configured limit.
  var captureSetting: String? {
    switch self {
    case .fileTooLarge: "max_file_bytes"
    case .tooLarge: "max_pixels"
    case .tooManyScans: "max_scans"
    case .memoryLimit: "max_decode_memory_bytes"
    default: nil
    }
  }
}

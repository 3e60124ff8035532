/// What a JPEG's headers say, read before any pixel is decoded.
public struct JPEGHeader: Sendable, Equatable {
  /// Stored width and height (before `orientation` is applied).
  public var width: Int
  public var height: Int
  public var components: Int
  public var colorSpace: JPEGColorSpace
  public var isProgressive: Bool
  /// From the EXIF APP1 segment; `.identity` when there is none or it does not parse.
  public var orientation: Orientation

  /// The displayed width and height, after `orientation`.
  public var orientedWidth: Int { orientation.swapsAxes ? height : width }
  public var orientedHeight: Int { orientation.swapsAxes ? width : height }
}

/// The colour space of a JPEG's coded components.
public enum JPEGColorSpace: Sendable, Equatable, CustomStringConvertible {
  case gray
  case yCbCr
  case rgb
  case cmyk
  case ycck
  case unknown

  /// True for the spaces libjpeg converts to grey and RGB: grey, YCbCr and RGB. CMYK and YCCK (Adobe print
  /// files) are rejected rather than converted: capture hardware does not write them, and a naive CMYK to RGB
  /// conversion would feed the model colours it was never trained on.
  public var isSupported: Bool { self == .gray || self == .yCbCr || self == .rgb }

  public var description: String {
    switch self {
    case .gray: "grey"
    case .yCbCr: "YCbCr"
    case .rgb: "RGB"
    case .cmyk: "CMYK"
    case .ycck: "YCCK"
    case .unknown: "unknown"
    }
  }
}

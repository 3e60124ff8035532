/// The colour layout of an `Image`: one grey byte or three RGB bytes per pixel.
public enum ColorMode: Sendable, Equatable {
  case gray
  case rgb

  /// Bytes per pixel.
  public var channels: Int {
    switch self {
    case .gray: 1
    case .rgb: 3
    }
  }
}

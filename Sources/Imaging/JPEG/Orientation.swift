/// The EXIF orientation (tag 0x0112): how the stored pixels must be transformed to be displayed upright.
/// Raw values are the tag's values 1…8.
public enum Orientation: Int, Sendable, Equatable {
  case identity = 1
  case flipHorizontal = 2
  case rotate180 = 3
  case flipVertical = 4
  /// Mirror across the top-left to bottom-right diagonal.
  case transpose = 5
  /// Rotate 90° clockwise.
  case rotate90 = 6
  /// Mirror across the top-right to bottom-left diagonal.
  case transverse = 7
  /// Rotate 90° counter-clockwise.
  case rotate270 = 8

  /// True when the displayed width is the stored height.
  public var swapsAxes: Bool { rawValue >= 5 }

  /// The upright image.
  public func apply(to image: Image) -> Image {
    if self == .identity { return image }
    let width = image.width
    let height = image.height
    let channels = image.channels
    let outWidth = swapsAxes ? height : width
    let outHeight = swapsAxes ? width : height
    var pixels = [UInt8](repeating: 0, count: image.pixels.count)
    for y in 0..<outHeight {
      for x in 0..<outWidth {
        let (sx, sy) = source(x: x, y: y, width: width, height: height)
        let from = (sy * width + sx) * channels
        let to = (y * outWidth + x) * channels
        for channel in 0..<channels { pixels[to + channel] = image.pixels[from + channel] }
      }
    }
    return Image(width: outWidth, height: outHeight, channels: channels, pixels: pixels)
  }

  /// The stored pixel shown at displayed position (x, y), for a stored image of `width`×`height`.
  private func source(x: Int, y: Int, width: Int, height: Int) -> (Int, Int) {
    switch self {
    case .identity: (x, y)
    case .flipHorizontal: (width - 1 - x, y)
    case .rotate180: (width - 1 - x, height - 1 - y)
    case .flipVertical: (x, height - 1 - y)
    case .transpose: (y, x)
    case .rotate90: (y, height - 1 - x)
    case .transverse: (width - 1 - y, height - 1 - x)
    case .rotate270: (width - 1 - y, x)
    }
  }
}

/// How an image whose aspect ratio differs from the target's is fitted to it.
public enum CropPolicy: Sendable, Equatable {
  /// Scale to cover the target, keeping the aspect ratio, and cut the overflow equally from both sides.
  case centerCrop
  /// Scale to fit inside the target, keeping the aspect ratio, and fill the borders with `pad` (every channel).
  case letterbox(pad: UInt8)
  /// Scale each axis on its own to the target size.
  case stretch

  /// Where an image of `width`×`height` goes in a `targetWidth`×`targetHeight` target: the source rectangle that
  /// is read and the destination rectangle it is resampled into. Sizes are rounded to the nearest pixel and are
  /// at least 1.
  func placement(width: Int, height: Int, targetWidth: Int, targetHeight: Int) -> Placement {
    let whole = Rect(x: 0, y: 0, width: width, height: height)
    let target = Rect(x: 0, y: 0, width: targetWidth, height: targetHeight)
    // Compare aspect ratios by cross-multiplying, so there is no rounding before the decision.
    let wider = width * targetHeight > height * targetWidth
    switch self {
    case .stretch:
      return Placement(source: whole, destination: target)
    case .centerCrop:
      let cropWidth = wider ? Self.scaled(height, targetWidth, targetHeight, limit: width) : width
      let cropHeight = wider ? height : Self.scaled(width, targetHeight, targetWidth, limit: height)
      let crop = Rect(
        x: (width - cropWidth) / 2, y: (height - cropHeight) / 2, width: cropWidth, height: cropHeight)
      return Placement(source: crop, destination: target)
    case .letterbox:
      let fitWidth = wider ? targetWidth : Self.scaled(width, targetHeight, height, limit: targetWidth)
      let fitHeight = wider ? Self.scaled(height, targetWidth, width, limit: targetHeight) : targetHeight
      let fit = Rect(
        x: (targetWidth - fitWidth) / 2, y: (targetHeight - fitHeight) / 2, width: fitWidth, height: fitHeight)
      return Placement(source: whole, destination: fit)
    }
  }

  /// `value * numerator / denominator` rounded half up, within 1...limit.
  private static func scaled(_ value: Int, _ numerator: Int, _ denominator: Int, limit: Int) -> Int {
    min(limit, max(1, (value * numerator + denominator / 2) / denominator))
  }
}

/// A pixel rectangle.
struct Rect: Equatable {
  var x: Int
  var y: Int
  var width: Int
  var height: Int
}

/// The source rectangle of an image and the destination rectangle of the target it is resampled into.
struct Placement: Equatable {
  var source: Rect
  var destination: Rect

  /// True when no axis has to be enlarged.
  var onlyShrinks: Bool { source.width >= destination.width && source.height >= destination.height }
}

import Formats
import Imaging

/// The plausibility checks a capture passes before the model sees it, from the model card's `[gate]` section: a
/// model answers confidently for any input (a black frame, a 1×1 thumbnail, a 65500×1 strip), so frames that
/// cannot be what it was trained on are `rejected` with the reason instead. Each limit is nil when turned off.
///
/// The size checks read the JPEG header (the displayed size, after EXIF orientation), before decoding; the
/// uniformity check reads the decoded pixels, already scaled down in the DCT domain for the model.
public struct InputGate: Equatable, Sendable {
  /// Smallest accepted displayed width and height, in pixels.
  public var minimumWidth: Int?
  public var minimumHeight: Int?
  /// Largest accepted ratio of the longer side to the shorter.
  public var maximumAspectRatio: Float?
  /// Smallest accepted standard deviation of luma (0–255) over the decoded frame.
  public var minimumLumaDeviation: Float?

  public init(minimumWidth: Int?, minimumHeight: Int?, maximumAspectRatio: Float?, minimumLumaDeviation: Float?) {
    self.minimumWidth = minimumWidth
    self.minimumHeight = minimumHeight
    self.maximumAspectRatio = maximumAspectRatio
    self.minimumLumaDeviation = minimumLumaDeviation
  }

  /// What a card without a `[gate]` section gets: 16×16 pixels at least, sides at most 10 to 1, a luma standard
  /// deviation of at least 2 (a black or flat grey JPEG decodes to below 1; a faint real image is far above).
  public static let defaults = InputGate(
    minimumWidth: 16, minimumHeight: 16, maximumAspectRatio: 10, minimumLumaDeviation: 2)

  /// Why a frame `width`×`height` pixels is refused, as an outcome reason; nil when it passes.
  public func refusal(width: Int, height: Int) -> String? {
    let size = "\(width)x\(height) pixels"
    if let minimumWidth, width < minimumWidth {
      return "too-small: \(size), below the model card's minimum width of \(minimumWidth)"
    }
    if let minimumHeight, height < minimumHeight {
      return "too-small: \(size), below the model card's minimum height of \(minimumHeight)"
    }
    if let maximumAspectRatio {
      let ratio = Double(max(width, height)) / Double(max(1, min(width, height)))
      if ratio > Double(maximumAspectRatio) {
        return "extreme-aspect-ratio: \(size), \(fixed(ratio, 1)) to 1, above the model card's maximum of "
          + fixed(Double(maximumAspectRatio), 1)
      }
    }
    return nil
  }

  /// Why the decoded frame `image` is refused, as an outcome reason; nil when it passes.
  public func refusal(_ image: Image) -> String? {
    guard let minimumLumaDeviation else { return nil }
    let deviation = image.lumaStandardDeviation
    guard deviation < Double(minimumLumaDeviation) else { return nil }
    return "near-uniform-frame: luma standard deviation \(fixed(deviation, 2)), below the model card's minimum of "
      + fixed(Double(minimumLumaDeviation), 2)
  }
}

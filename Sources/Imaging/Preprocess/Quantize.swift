/// How a model reads 8-bit pixels: pixel value p in 0...255 stands for the real value r = p · factor + offset.
/// A model card's `input_range = lower..upper` is `InputNormalization(lower: lower, upper: upper)`.
public struct InputNormalization: Sendable, Equatable {
  public var factor: Float
  public var offset: Float

  public init(factor: Float, offset: Float) {
    self.factor = factor
    self.offset = offset
  }

  /// Maps 0 to `lower` and 255 to `upper`: factor (upper − lower) / 255, offset lower.
  public init(lower: Float, upper: Float) {
    self.init(factor: (upper - lower) / 255, offset: lower)
  }

  /// Inputs in 0...1.
  public static let unit = InputNormalization(lower: 0, upper: 1)
  /// Inputs in -1...1.
  public static let symmetric = InputNormalization(lower: -1, upper: 1)
  /// Inputs in 0...255, the pixel values themselves.
  public static let pixels = InputNormalization(factor: 1, offset: 0)
}

/// Writes `image` as the int8 (or uint8) input tensor of a model whose input has quantization (`scale`,
/// `zeroPoint`) and reads pixels by `normalization`, in `layout`: the image's own interleaved order (NHWC with
/// N = 1), or one plane per channel (NCHW), written directly from the interleaved pixels:
///
///     r = Float(p) * normalization.factor + normalization.offset        (Float arithmetic, in this order)
///     q = clamp(Int32((r / scale).rounded(.toNearestOrAwayFromZero)) + zeroPoint, -128, 127)   (0, 255: uint8)
///
/// the rounding of TFLite's Quantize (`std::round`). `output` holds exactly one element per image byte.
/// A normalization that is not finite (model cards refuse those, but no value may crash a capture) saturates:
/// ±infinity clamps like any large value, and NaN gives the zero point.
public func quantize<Element: FixedWidthInteger>(
  _ image: Image, scale: Float, zeroPoint: Int32, normalization: InputNormalization, layout: TensorLayout = .nhwc,
  into output: UnsafeMutableBufferPointer<Element>
) {
  precondition(scale.isFinite && scale > 0, "an input scale is finite and positive")
  precondition(output.count == image.pixels.count, "the input tensor has one element per image byte")
  // Only 256 pixel values exist: compute each once.
  var table = [Element](repeating: 0, count: 256)
  for p in 0..<256 {
    let r = Float(p) * normalization.factor + normalization.offset
    let scaled = r / scale
    // Clamp first, so a tiny scale cannot overflow Int32; any value beyond ±1024 clamps to the same q.
    let q = scaled.isNaN ? zeroPoint : roundedAwayFromZero(min(max(scaled, -1024), 1024)) + zeroPoint
    table[p] = Element(clamping: q)
  }
  switch layout {
  case .nhwc:
    for i in 0..<image.pixels.count {
      output[i] = table[Int(image.pixels[i])]
    }
  case .nchw:
    let channels = image.channels
    let plane = image.width * image.height
    for pixel in 0..<plane {
      for channel in 0..<channels {
        output[channel * plane + pixel] = table[Int(image.pixels[pixel * channels + channel])]
      }
    }
  }
}

/// `x.rounded(.toNearestOrAwayFromZero)` for |x| ≤ 1024, without libm (which the hosted build does not link):
/// the truncation and the remaining fraction are both exact in Float at this magnitude.
private func roundedAwayFromZero(_ x: Float) -> Int32 {
  let whole = Int32(x)
  let fraction = x - Float(whole)
  if fraction >= 0.5 { return whole + 1 }
  if fraction <= -0.5 { return whole - 1 }
  return whole
}

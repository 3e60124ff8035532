import Imaging

/// What was drawn for one synthetic capture: its truth, its site, and the generator parameters after the
/// per-capture jitter around the site's profile. One row of `labels.csv`.
public struct CaptureParameters: Sendable, Equatable {
  public var site: String
  public var isFinding: Bool
  public var stainHue: Float
  public var stainSaturation: Float
  public var illumination: Float
  public var illuminationGradient: Float
  public var blur: Float
  public var noise: Float
  public var jpegQuality: Int
  /// Ring-stage parasites drawn (0 for negatives).
  public var parasites: Int
  /// Red cells whose centre lies in the field.
  public var cells: Int
}

/// A rendered capture and the parameters that made it.
public struct SyntheticCapture: Sendable {
  public var image: Image
  public var parameters: CaptureParameters
}

/// The image a model wants: its input's width, height and colour, and how a capture of another shape is fitted
/// to it. The decoder uses it to pick a DCT-domain scale; `preprocess` produces exactly this size.
public struct ImageTarget: Sendable, Equatable {
  public var width: Int
  public var height: Int
  public var color: ColorMode
  public var crop: CropPolicy

  public init(width: Int, height: Int, color: ColorMode, crop: CropPolicy) {
    precondition(width > 0 && height > 0, "a target has a positive size")
    self.width = width
    self.height = height
    self.color = color
    self.crop = crop
  }
}

/// An 8-bit image in row-major interleaved layout (`channels` bytes per pixel: 1 grey, 3 RGB).
public struct Image: Sendable {
  public var width: Int
  public var height: Int
  public var channels: Int
  public var pixels: [UInt8]

  public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
    precondition(pixels.count == width * height * channels, "pixel buffer does not match the image size")
    self.width = width
    self.height = height
    self.channels = channels
    self.pixels = pixels
  }
}

import Imaging
import Synthesis

/// Frames for the input gate: flat ones it refuses as near-uniform, and noise of any shape.
extension Captures {
  /// A `width`×`height` colour frame of one grey level (0 is black), as JPEG.
  static func flat(width: Int = 64, height: Int = 64, level: UInt8) -> [UInt8] {
    encoded(
      Image(width: width, height: height, channels: 3, pixels: [UInt8](repeating: level, count: width * height * 3)))
  }

  /// A `width`×`height` frame of seeded noise, as JPEG: anything but uniform.
  static func noise(width: Int, height: Int, seed: UInt64 = 1) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    let pixels = (0..<width * height * 3).map { _ in UInt8.random(in: 0...255, using: &random) }
    return encoded(Image(width: width, height: height, channels: 3, pixels: pixels))
  }
}

import Imaging
import Testing

/// The source image of the resize goldens; Goldens/make_goldens.py defines the same `pattern`.
private func pattern(width: Int, height: Int, channels: Int) -> Image {
  var pixels: [UInt8] = []
  for y in 0..<height {
    for x in 0..<width {
      for c in 0..<channels { pixels.append(UInt8((x * 37 + y * 91 + c * 53 + x * y * 7) % 256)) }
    }
  }
  return Image(width: width, height: height, channels: channels, pixels: pixels)
}

@Test func resizeMatchesTheRationalReference() {
  for (width, height, channels, toWidth, toHeight, expected) in resizeGoldens {
    let resized = resize(pattern(width: width, height: height, channels: channels), width: toWidth, height: toHeight)
    #expect(resized.pixels == expected, "\(width)x\(height)x\(channels) to \(toWidth)x\(toHeight)")
  }
}

@Test func quantizeMatchesTheFloat32Reference() {
  let pixels = Image(width: 256, height: 1, channels: 1, pixels: (0...255).map { UInt8($0) })
  for (scale, zeroPoint, factor, offset, expected) in quantizeGoldens {
    var output = [Int8](repeating: 0, count: 256)
    output.withUnsafeMutableBufferPointer { buffer in
      quantize(
        pixels, scale: scale, zeroPoint: zeroPoint, normalization: InputNormalization(factor: factor, offset: offset),
        into: buffer)
    }
    #expect(output == expected, "scale \(scale) zero point \(zeroPoint)")
  }
}

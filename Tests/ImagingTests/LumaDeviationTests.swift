import Imaging
import Testing

/// `lumaStandardDeviation` against values worked out by hand.
@Suite struct LumaDeviationTests {
  @Test func aFlatFrameHasNone() {
    for level: UInt8 in [0, 1, 128, 255] {
      let image = Image(width: 7, height: 5, channels: 3, pixels: [UInt8](repeating: level, count: 7 * 5 * 3))
      #expect(image.lumaStandardDeviation == 0)
    }
  }

  /// Half black, half white: every pixel 127.5 from the mean, the largest deviation there is.
  @Test func halfBlackHalfWhiteIsTheMaximum() {
    let pixels = (0..<16).map { $0 < 8 ? UInt8(0) : 255 }
    #expect(Image(width: 4, height: 4, channels: 1, pixels: pixels).lumaStandardDeviation == 127.5)
  }

  /// RGB pixels are weighted as libjpeg's grey conversion: pure red is luma round(0.299 · 255) = 76, pure blue
  /// round(0.114 · 255) = 29, so a frame of red and blue pixels half and half deviates by (76 − 29) / 2.
  @Test func colourIsWeightedAsLuma() {
    let red: [UInt8] = [255, 0, 0]
    let blue: [UInt8] = [0, 0, 255]
    let image = Image(width: 2, height: 2, channels: 3, pixels: red + blue + blue + red)
    #expect(image.lumaStandardDeviation == 23.5)
  }

  /// One pixel in 100 off by 10 levels: √(0.01 · 0.99) · 10.
  @Test func aFaintDetailIsMeasured() {
    var pixels = [UInt8](repeating: 100, count: 100)
    pixels[37] = 110
    let deviation = Image(width: 10, height: 10, channels: 1, pixels: pixels).lumaStandardDeviation
    #expect(abs(deviation - (0.01 * 0.99).squareRoot() * 10) < 1e-9)
  }
}

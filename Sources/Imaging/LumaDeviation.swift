extension Image {
  /// The standard deviation of the image's luma over every pixel, on the 0–255 scale: how far the frame is from
  /// one flat colour (a black, blank or grey frame is near 0). Grey images are luma already; RGB pixels are
  /// weighted as libjpeg's RGB→grey conversion does (BT.601: 0.299 R + 0.587 G + 0.114 B, in 16-bit fixed point).
  ///
  /// One pass of integer sums. The sums are exact in 64 bits (at most 255² per pixel, and libjpeg caps a side at
  /// 65500), and each is exact as a Double below 2⁵³, so a flat frame gives exactly 0.
  public var lumaStandardDeviation: Double {
    let count = width * height
    guard count > 0 else { return 0 }
    var sum: UInt64 = 0
    var squares: UInt64 = 0
    pixels.withUnsafeBufferPointer { pixels in
      if channels == 3 {
        for index in stride(from: 0, to: pixels.count, by: 3) {
          let weighted =
            19595 * UInt32(pixels[index]) + 38470 * UInt32(pixels[index + 1]) + 7471 * UInt32(pixels[index + 2])
          let luma = UInt64((weighted + 32768) >> 16)
          sum += luma
          squares += luma * luma
        }
      } else {
        for index in stride(from: 0, to: pixels.count, by: channels) {
          let luma = UInt64(pixels[index])
          sum += luma
          squares += luma * luma
        }
      }
    }
    let mean = Double(sum) / Double(count)
    return max(0, Double(squares) / Double(count) - mean * mean).squareRoot()
  }
}

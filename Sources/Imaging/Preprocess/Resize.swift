/// Resamples `image` to `width`×`height`: area averaging (a box filter with fractional coverage) on an axis that
/// shrinks, bilinear interpolation on an axis that grows. The result is the exact weighted mean rounded half up,
/// computed in integers, so it is the same on every machine.
public func resize(_ image: Image, width: Int, height: Int) -> Image {
  resample(image, region: Rect(x: 0, y: 0, width: image.width, height: image.height), width: width, height: height)
}

/// Resamples the `region` of `image` to `width`×`height`, as `resize` does.
func resample(_ image: Image, region: Rect, width: Int, height: Int) -> Image {
  precondition(width > 0 && height > 0, "resampling needs a non-empty destination")
  precondition(
    region.x >= 0 && region.y >= 0 && region.width > 0 && region.height > 0
      && region.x + region.width <= image.width && region.y + region.height <= image.height,
    "the region lies inside the image")
  if region.width == width && region.height == height {
    // One source pixel per destination pixel: the filters' weighted mean is the pixel itself, so the region's
    // rows are copied (a center crop of a DCT-scaled decode often lands here).
    if width == image.width && height == image.height { return image }
    return crop(image, region)
  }
  let horizontal = AxisFilter(source: region.width, destination: width)
  let vertical = AxisFilter(source: region.height, destination: height)
  let channels = image.channels
  let rowLength = width * channels

  // Horizontal pass over the region's rows; each value is a sum over `horizontal.denominator`, at most
  // 255 · 2 · 65500, which fits Int32. Hot loops use wrapping arithmetic: these bounds rule out overflow, and
  // overflow checks would keep the compiler from vectorizing.
  var rows = [Int32](repeating: 0, count: region.height * rowLength)
  image.pixels.withUnsafeBufferPointer { source in
    rows.withUnsafeMutableBufferPointer { rows in
      horizontal.withBuffers { first, offsets, weights in
        for y in 0..<region.height {
          let sourceRow = ((region.y + y) * image.width + region.x) * channels
          for x in 0..<width {
            let base = sourceRow &+ first[x] &* channels
            let taps = offsets[x]..<offsets[x &+ 1]
            for channel in 0..<channels {
              var sum = 0
              for tap in taps {
                sum &+= weights[tap] &* Int(source[base &+ (tap &- taps.lowerBound) &* channels &+ channel])
              }
              rows[y &* rowLength &+ x &* channels &+ channel] = Int32(truncatingIfNeeded: sum)
            }
          }
        }
      }
    }
  }

  // Vertical pass; sums reach 255 · denominator < 2^42, which fits Int.
  let divide = ExactDivision(by: horizontal.denominator * vertical.denominator)
  var accumulator = [Int](repeating: 0, count: rowLength)
  let pixels = [UInt8](unsafeUninitializedCapacity: height * rowLength) { output, count in
    rows.withUnsafeBufferPointer { rows in
      accumulator.withUnsafeMutableBufferPointer { accumulator in
        vertical.withBuffers { first, offsets, weights in
          for y in 0..<height {
            for i in 0..<rowLength { accumulator[i] = divide.divisor / 2 }
            let taps = offsets[y]..<offsets[y + 1]
            for tap in taps {
              let weight = weights[tap]
              let row = (first[y] &+ tap &- taps.lowerBound) &* rowLength
              for i in 0..<rowLength { accumulator[i] &+= weight &* Int(rows[row &+ i]) }
            }
            let start = y &* rowLength
            for i in 0..<rowLength { output[start &+ i] = UInt8(truncatingIfNeeded: divide(accumulator[i])) }
          }
        }
      }
    }
    count = height * rowLength
  }
  return Image(width: width, height: height, channels: channels, pixels: pixels)
}

/// The pixels of `region`, row by row.
private func crop(_ image: Image, _ region: Rect) -> Image {
  let channels = image.channels
  let rowLength = region.width * channels
  let pixels = [UInt8](unsafeUninitializedCapacity: region.height * rowLength) { output, count in
    image.pixels.withUnsafeBufferPointer { source in
      for y in 0..<region.height {
        let from = ((region.y + y) * image.width + region.x) * channels
        UnsafeMutableRawPointer(output.baseAddress! + y * rowLength).copyMemory(
          from: source.baseAddress! + from, byteCount: rowLength)
      }
    }
    count = region.height * rowLength
  }
  return Image(width: region.width, height: region.height, channels: channels, pixels: pixels)
}

/// ⌊n / divisor⌋ for 0 ≤ n < 2^63, through a multiplication by a 64-bit reciprocal (an integer division per
/// output byte dominated resizing). With m = ⌊(2^64 − 1) / divisor⌋, ⌊n · m / 2^64⌋ is ⌊n / divisor⌋ or one less
/// (m undershoots 2^64 / divisor by less than 2, so the product undershoots n / divisor by less than
/// 2n / 2^64 < 1), and one comparison corrects it: the result is exact.
private struct ExactDivision {
  let divisor: Int
  let reciprocal: UInt64

  init(by divisor: Int) {
    precondition(divisor > 0, "a positive divisor")
    self.divisor = divisor
    reciprocal = UInt64.max / UInt64(divisor)
  }

  func callAsFunction(_ n: Int) -> Int {
    let q = Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: n).multipliedFullWidth(by: reciprocal).high)
    return (q &+ 1) &* divisor <= n ? q &+ 1 : q
  }
}

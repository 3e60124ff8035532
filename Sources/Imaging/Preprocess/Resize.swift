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
  let horizontal = AxisFilter(source: region.width, destination: width)
  let vertical = AxisFilter(source: region.height, destination: height)
  let channels = image.channels
  let rowLength = width * channels

  // Horizontal pass over the region's rows; each value is a sum over `horizontal.denominator`, at most
  // 255 · 2 · 65500, which fits Int32.
  var rows = [Int32](repeating: 0, count: region.height * rowLength)
  image.pixels.withUnsafeBufferPointer { source in
    rows.withUnsafeMutableBufferPointer { rows in
      for y in 0..<region.height {
        let sourceRow = ((region.y + y) * image.width + region.x) * channels
        for x in 0..<width {
          let base = sourceRow + horizontal.first[x] * channels
          let taps = horizontal.offsets[x]..<horizontal.offsets[x + 1]
          for channel in 0..<channels {
            var sum = 0
            for tap in taps {
              sum += horizontal.weights[tap] * Int(source[base + (tap - taps.lowerBound) * channels + channel])
            }
            rows[y * rowLength + x * channels + channel] = Int32(sum)
          }
        }
      }
    }
  }

  // Vertical pass; sums reach 255 · denominator < 2^42, which fits Int.
  let denominator = horizontal.denominator * vertical.denominator
  var accumulator = [Int](repeating: 0, count: rowLength)
  let pixels = [UInt8](unsafeUninitializedCapacity: height * rowLength) { output, count in
    rows.withUnsafeBufferPointer { rows in
      for y in 0..<height {
        for i in 0..<rowLength { accumulator[i] = denominator / 2 }
        let taps = vertical.offsets[y]..<vertical.offsets[y + 1]
        for tap in taps {
          let weight = vertical.weights[tap]
          let row = (vertical.first[y] + tap - taps.lowerBound) * rowLength
          for i in 0..<rowLength { accumulator[i] += weight * Int(rows[row + i]) }
        }
        for i in 0..<rowLength { output[y * rowLength + i] = UInt8(accumulator[i] / denominator) }
      }
    }
    count = height * rowLength
  }
  return Image(width: width, height: height, channels: channels, pixels: pixels)
}

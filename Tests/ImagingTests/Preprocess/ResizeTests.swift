import Testing

@testable import Imaging

private func row(_ values: [UInt8]) -> Image {
  Image(width: values.count, height: 1, channels: 1, pixels: values)
}

@Test func areaAveragingOfWholePixels() {
  // (200 + 255) / 2 = 227.5 rounds half up.
  #expect(resize(row([0, 100, 200, 255]), width: 2, height: 1).pixels == [50, 228])
}

@Test func areaAveragingWithFractionalCoverage() {
  // Each output pixel covers 1.5 inputs: (0 + 90/2) / 1.5 = 30 and (90/2 + 180) / 1.5 = 150.
  #expect(resize(row([0, 90, 180]), width: 2, height: 1).pixels == [30, 150])
  // Five to three: weights (3,2,0,0,0), (0,1,3,1,0), (0,0,0,2,3) over 5.
  // (3·10 + 2·20) / 5 = 14, (20 + 3·30 + 40) / 5 = 30, (2·40 + 3·50) / 5 = 46.
  #expect(resize(row([10, 20, 30, 40, 50]), width: 3, height: 1).pixels == [14, 30, 46])
}

@Test func areaAveragingInTwoDimensions() {
  // 4x4 of 2x2 blocks 0, 40 / 80, 120 averages to the block values; a 3x3 one mixes them by coverage.
  let blocks = grayImage(width: 4, height: 4) { x, y in (x / 2) * 40 + (y / 2) * 80 }
  #expect(resize(blocks, width: 2, height: 2).pixels == [0, 40, 80, 120])
  // Centre pixel of the 3x3: equal parts of all four blocks, (0 + 40 + 80 + 120) / 4 = 60.
  #expect(resize(blocks, width: 3, height: 3).pixels[4] == 60)
}

@Test func bilinearEnlargingBetweenPixelCentres() {
  // Output centres map to -0.25 (clamped), 0.25, 0.75 and 1.25 (clamped).
  #expect(resize(row([0, 100]), width: 4, height: 1).pixels == [0, 25, 75, 100])
  let column = Image(width: 1, height: 2, channels: 1, pixels: [0, 100])
  #expect(resize(column, width: 1, height: 4).pixels == [0, 25, 75, 100])
}

@Test func shrinkOneAxisAndEnlargeTheOther() {
  let image = grayImage(width: 4, height: 2) { x, y in x * 20 + y * 100 }
  // Rows average pairs (10, 50 / 110, 150); columns interpolate 0, 25, 75, 100 % between the rows.
  let resized = resize(image, width: 2, height: 4)
  #expect(resized.pixels == [10, 50, 35, 75, 85, 125, 110, 150])
}

@Test func sameSizeAndConstantImagesAreUnchanged() {
  let image = rampImage(width: 13, height: 7)
  #expect(resize(image, width: 13, height: 7).pixels == image.pixels)
  let flat = rgbImage(width: 37, height: 23) { _, _ in (77, 0, 255) }
  for (w, h) in [(10, 31), (1, 1), (37, 5), (80, 80)] {
    let resized = resize(flat, width: w, height: h)
    #expect(resized.pixels == rgbImage(width: w, height: h) { _, _ in (77, 0, 255) }.pixels)
  }
}

/// A region resampled to its own size is the region's pixels: what a center crop of a DCT-scaled decode does.
@Test func aRegionResampledToItsOwnSizeIsCopied() {
  let image = rgbImage(width: 11, height: 9) { x, y in (x * 20, y * 25, (x * y) % 256) }
  let region = Rect(x: 3, y: 2, width: 5, height: 4)
  let expected = rgbImage(width: 5, height: 4) { x, y in ((x + 3) * 20, (y + 2) * 25, ((x + 3) * (y + 2)) % 256) }
  let copied = resample(image, region: region, width: 5, height: 4)
  #expect(copied.width == 5 && copied.height == 4 && copied.pixels == expected.pixels)
}

@Test func channelsStayApart() {
  let image = rgbImage(width: 4, height: 1) { x, _ in (x * 10, 100 + x, 255 - x * 10) }
  #expect(resize(image, width: 2, height: 1).pixels == [5, 101, 250, 25, 103, 230])
}

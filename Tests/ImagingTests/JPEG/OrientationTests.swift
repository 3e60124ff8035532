import Imaging
import Testing

@Test(arguments: [
  (Orientation.identity, 3, 2, [1, 2, 3, 4, 5, 6]),
  (.flipHorizontal, 3, 2, [3, 2, 1, 6, 5, 4]),
  (.rotate180, 3, 2, [6, 5, 4, 3, 2, 1]),
  (.flipVertical, 3, 2, [4, 5, 6, 1, 2, 3]),
  (.transpose, 2, 3, [1, 4, 2, 5, 3, 6]),
  (.rotate90, 2, 3, [4, 1, 5, 2, 6, 3]),
  (.transverse, 2, 3, [6, 3, 5, 2, 4, 1]),
  (.rotate270, 2, 3, [3, 6, 2, 5, 1, 4]),
])
func orientationMovesPixels(orientation: Orientation, width: Int, height: Int, expected: [Int]) {
  // Stored:  1 2 3
  //          4 5 6
  let stored = Image(width: 3, height: 2, channels: 1, pixels: [1, 2, 3, 4, 5, 6])
  let shown = orientation.apply(to: stored)
  #expect(shown.width == width && shown.height == height)
  #expect(shown.pixels == expected.map { UInt8($0) })
}

@Test func orientationMovesWholePixelsOfColourImages() {
  let stored = Image(width: 2, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6])
  let shown = Orientation.rotate90.apply(to: stored)
  #expect(shown.width == 1 && shown.height == 2 && shown.pixels == [1, 2, 3, 4, 5, 6])
  #expect(Orientation.flipHorizontal.apply(to: stored).pixels == [4, 5, 6, 1, 2, 3])
}

/// A stored 32x16 grey capture with four flat 16x8 quadrants: top-left 20, top-right 100, bottom-left 180,
/// bottom-right 250 (8x8-aligned, so JPEG keeps them nearly exact).
private let quadrants = grayImage(width: 32, height: 16) { x, y in
  switch (x < 16, y < 8) {
  case (true, true): 20
  case (false, true): 100
  case (true, false): 180
  case (false, false): 250
  }
}

/// The values at the centres of the four quadrants of `image`: top-left, top-right, bottom-left, bottom-right.
private func quadrantCentres(_ image: Image) -> [Int] {
  let (w, h) = (image.width, image.height)
  return [(w / 4, h / 4), (3 * w / 4, h / 4), (w / 4, 3 * h / 4), (3 * w / 4, 3 * h / 4)].map { x, y in
    // Round to the nearest multiple of 10 to absorb JPEG loss.
    (Int(image.pixels[y * w + x]) + 5) / 10 * 10
  }
}

@Test(arguments: [
  (3, 32, 16, [250, 180, 100, 20]),
  (6, 16, 32, [180, 20, 250, 100]),
  (8, 16, 32, [100, 250, 20, 180]),
  (1, 32, 16, [20, 100, 180, 250]),
])
func exifOrientationIsApplied(tag: Int, width: Int, height: Int, expected: [Int]) throws {
  for bigEndian in [false, true] {
    let bytes = inserting(
      marker: 0xE1, payload: exifPayload(orientation: tag, bigEndian: bigEndian), into: jpeg(quadrants))
    #expect(try readJPEGHeader(bytes).orientation.rawValue == tag)
    let shown = try decodeJPEG(bytes, target: fullSize(width: width, height: height, .gray))
    #expect(shown.width == width && shown.height == height)
    #expect(quadrantCentres(shown) == expected)
  }
}

@Test func malformedOrUnrelatedAPP1IsIgnored() throws {
  let base = jpeg(quadrants)
  let valid = exifPayload(orientation: 6)
  let payloads: [[UInt8]] = [
    Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".utf8),  // XMP, also APP1
    Array(valid[0..<20]),  // cut inside the IFD
    exifPayload(orientation: 9),  // not 1...8
    exifPayload(orientation: 0),
    Array(valid[0..<6]) + [0x49, 0x49, 42, 0, 0xFF, 0xFF, 0xFF, 0x7F],  // IFD offset far past the end
    Array(valid[0..<6]) + [0x49, 0x4D, 42, 0, 8, 0, 0, 0],  // mixed byte-order mark
  ]
  for payload in payloads {
    let bytes = inserting(marker: 0xE1, payload: payload, into: base)
    #expect(try readJPEGHeader(bytes).orientation == .identity)
    #expect(try decodeJPEG(bytes, target: fullSize(width: 32, height: 16, .gray)).width == 32)
  }
  // The EXIF segment is found after an unrelated APP1.
  let both = inserting(marker: 0xE1, payload: payloads[0], into: inserting(marker: 0xE1, payload: valid, into: base))
  #expect(try readJPEGHeader(both).orientation == .rotate90)
}

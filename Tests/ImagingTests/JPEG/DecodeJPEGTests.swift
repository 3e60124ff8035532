import Imaging
import Testing

@Test(arguments: [(16, 16), (17, 13), (1, 1), (63, 5)])
func greyRoundTripsWithinJPEGLoss(width: Int, height: Int) throws {
  let image = grayImage(width: width, height: height) { x, y in 40 + (x * 150) / max(1, width) + y }
  let decoded = try decodeJPEG(jpeg(image), target: fullSize(width: width, height: height, .gray))
  #expect(decoded.width == width && decoded.height == height && decoded.channels == 1)
  let d = difference(decoded, image)
  #expect(d.max <= 6 && d.mean <= 2)
}

@Test(arguments: [(32, 32), (33, 21), (7, 9)])
func rgbRoundTripsWithinJPEGLoss(width: Int, height: Int) throws {
  let image = rampImage(width: width, height: height)
  let decoded = try decodeJPEG(jpeg(image), target: fullSize(width: width, height: height, .rgb))
  #expect(decoded.width == width && decoded.height == height && decoded.channels == 3)
  let d = difference(decoded, image)
  #expect(d.max <= 12 && d.mean <= 2)
}

@Test func colourCaptureDecodesToGreyAndBack() throws {
  let grey = grayImage(width: 24, height: 16) { x, _ in x < 8 ? 30 : x < 16 ? 128 : 220 }
  let colourOfGrey = rgbImage(width: 24, height: 16) { x, y in
    let v = Int(grey.pixels[y * 24 + x])
    return (v, v, v)
  }
  let asGrey = try decodeJPEG(jpeg(colourOfGrey), target: fullSize(width: 24, height: 16, .gray))
  #expect(asGrey.channels == 1 && difference(asGrey, grey).max <= 8)

  let asColour = try decodeJPEG(jpeg(grey), target: fullSize(width: 24, height: 16, .rgb))
  #expect(asColour.channels == 3 && difference(asColour, colourOfGrey).max <= 8)
}

@Test func progressiveDecodesToTheSamePixelsAsBaseline() throws {
  let image = rampImage(width: 40, height: 24)
  let target = fullSize(width: 40, height: 24, .rgb)
  let baseline = try decodeJPEG(jpeg(image), target: target)
  let progressive = jpeg(image, progression: .progressive)
  #expect(try readJPEGHeader(progressive).isProgressive)
  #expect(try decodeJPEG(progressive, target: target).pixels == baseline.pixels)
}

@Test func headerReportsTheFrame() throws {
  let header = try readJPEGHeader(jpeg(rampImage(width: 33, height: 21)))
  #expect(header.width == 33 && header.height == 21 && header.components == 3)
  #expect(header.colorSpace == .yCbCr && !header.isProgressive && header.orientation == .identity)
  let grey = try readJPEGHeader(jpeg(grayImage(width: 5, height: 4) { _, _ in 9 }))
  #expect(grey.colorSpace == .gray && grey.components == 1)
}

@Test func encoderRejectsABadScanScript() {
  let image = grayImage(width: 8, height: 8) { _, _ in 0 }
  let bad = JPEGProgression.scans([JPEGScan(components: [0], spectralStart: 1, spectralEnd: 63, high: 0, low: 0)])
  #expect {
    try encodeJPEG(image, progression: bad)
  } throws: { error in
    (error as? ImagingError)?.reason == "encode-failed"
  }
}

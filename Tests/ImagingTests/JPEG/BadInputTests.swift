import Imaging
import TestSupport
import Testing

private let target = ImageTarget(width: 16, height: 16, color: .rgb, crop: .centerCrop)

/// The error `decodeJPEG` throws for `bytes`, or nil when it decodes.
private func decodeError(_ bytes: [UInt8], limits: DecodeLimits = DecodeLimits()) -> ImagingError? {
  do {
    _ = try decodeJPEG(bytes, limits: limits, target: target)
    return nil
  } catch {
    return error
  }
}

@Test func truncatedFileIsAnErrorNotGrey() throws {
  let whole = jpeg(rampImage(width: 64, height: 48))
  for length in [whole.count - 2, whole.count * 3 / 4, whole.count / 2, 200] {
    let error = decodeError(Array(whole[0..<length]))
    #expect(error?.reason == "truncated", "cut at \(length) of \(whole.count)")
    #expect(error?.description.contains("Premature end of JPEG file") == true)
  }
}

@Test func truncatedProgressiveFileIsAnError() {
  let whole = jpeg(rampImage(width: 64, height: 48), progression: .progressive)
  #expect(decodeError(Array(whole[0..<(whole.count * 2 / 3)]))?.reason == "truncated")
}

/// Lossless (SOF3) and hierarchical (SOF5) JPEGs are valid files of a process this decoder does not take.
@Test func losslessAndHierarchicalJPEGsAreUnsupportedNotCorrupt() throws {
  let lossless = losslessJPEG(grayImage(width: 16, height: 8) { x, y in 16 * x + y })
  let error = decodeError(lossless)
  #expect(error?.reason == "unsupported")
  #expect(error?.description.contains("SOF type 0xc3") == true)
  var hierarchical = jpeg(rampImage(width: 16, height: 16))
  let sof = try #require(
    hierarchical.indices.dropLast().first { hierarchical[$0] == 0xFF && hierarchical[$0 + 1] == 0xC0 })
  hierarchical[sof + 1] = 0xC5
  #expect(decodeError(hierarchical)?.reason == "unsupported")
}

/// One byte cannot hold the SOI marker: not a JPEG, rather than a truncated one.
@Test func aSingleByteIsNotAJPEG() {
  #expect(decodeError([0xFF])?.reason == "not-a-jpeg")
  #expect(decodeError([0x41])?.reason == "not-a-jpeg")
}

@Test func emptyInput() {
  #expect(decodeError([]) == .empty)
  #expect(ImagingError.empty.reason == "empty")
}

@Test func pngIsNotAJPEG() {
  let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
  let error = decodeError(png)
  #expect(error?.reason == "not-a-jpeg")
  #expect(error?.description.contains("starts with 0x89 0x50") == true)
}

@Test func randomBytesAreRejected() {
  var random = SeededGenerator(state: 7)
  for _ in 0..<50 {
    var bytes = (0..<Int.random(in: 1...4096, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
    #expect(decodeError(bytes)?.reason != nil)
    // With a valid SOI, libjpeg has to look further before it gives up.
    bytes.insert(contentsOf: [0xFF, 0xD8], at: 0)
    #expect(decodeError(bytes)?.reason != nil)
  }
}

@Test func decompressionBombIsRejectedFromItsHeader() throws {
  var bytes = jpeg(rampImage(width: 16, height: 16))
  let offset = try #require(frameSizeOffset(in: bytes))
  bytes.replaceSubrange(offset..<offset + 4, with: [0xEA, 0x60, 0xEA, 0x60])  // 60000 x 60000
  let header = try readJPEGHeader(bytes)
  #expect(header.width == 60000 && header.height == 60000)
  let error = decodeError(bytes)
  #expect(error == .tooLarge(width: 60000, height: 60000, limit: 100_000_000))
  #expect(error?.reason == "too-large")
}

@Test func pixelLimitIsConfigurable() {
  let bytes = jpeg(rampImage(width: 40, height: 30))
  #expect(decodeError(bytes, limits: DecodeLimits(maxPixels: 1200)) == nil)
  #expect(decodeError(bytes, limits: DecodeLimits(maxPixels: 1199)) == .tooLarge(width: 40, height: 30, limit: 1199))
}

@Test func fileSizeLimit() {
  let bytes = jpeg(rampImage(width: 16, height: 16))
  let error = decodeError(bytes, limits: DecodeLimits(maxFileBytes: 100))
  #expect(error == .fileTooLarge(bytes: bytes.count, limit: 100))
  #expect(error?.reason == "file-too-large")
}

@Test func scanLimitCountsProgressiveScans() {
  // libjpeg's simple progression has 10 scans for colour.
  let bytes = jpeg(rampImage(width: 32, height: 32), progression: .progressive)
  #expect(decodeError(bytes, limits: DecodeLimits(maxScans: 10)) == nil)
  let error = decodeError(bytes, limits: DecodeLimits(maxScans: 9))
  #expect(error == .tooManyScans(limit: 9))
  #expect(error?.reason == "too-many-scans")
}

@Test func progressiveBombIsStoppedByTheDefaultLimit() {
  // One scan for DC, then three successive-approximation scans for each of the 63 AC coefficients: 190 scans.
  var scans = [JPEGScan(components: [0], spectralStart: 0, spectralEnd: 0, high: 0, low: 0)]
  for k in 1...63 {
    scans.append(JPEGScan(components: [0], spectralStart: k, spectralEnd: k, high: 0, low: 2))
    scans.append(JPEGScan(components: [0], spectralStart: k, spectralEnd: k, high: 2, low: 1))
    scans.append(JPEGScan(components: [0], spectralStart: k, spectralEnd: k, high: 1, low: 0))
  }
  let image = grayImage(width: 64, height: 64) { x, y in (x * 3 + y * 2) % 256 }
  let bomb = jpeg(image, progression: .scans(scans))
  #expect(decodeError(bomb) == .tooManyScans(limit: 64))
  // The same file is a valid JPEG: with a higher limit it decodes to the same pixels as baseline.
  let grey = ImageTarget(width: 64, height: 64, color: .gray, crop: .stretch)
  let decoded = try? decodeJPEG(bomb, limits: DecodeLimits(maxScans: 190), target: grey)
  #expect(decoded?.pixels == (try? decodeJPEG(jpeg(image), target: grey))?.pixels)
}

@Test func memoryLimitBoundsProgressiveCoefficientBuffers() {
  // A progressive 512x512 colour file needs about 0.8 MB of coefficients in memory at once.
  let bytes = jpeg(rampImage(width: 512, height: 512), progression: .progressive)
  #expect(decodeError(bytes, limits: DecodeLimits(maxMemoryBytes: 4 << 20)) == nil)
  let error = decodeError(bytes, limits: DecodeLimits(maxMemoryBytes: 200_000))
  #expect(error == .memoryLimit(limit: 200_000))
  #expect(error?.reason == "memory-limit")
}

@Test func corruptEntropyDataIsAnError() throws {
  var bytes = jpeg(rampImage(width: 64, height: 64))
  let offset = try #require(frameSizeOffset(in: bytes))
  // Overwrite the middle of the entropy-coded data with a run of invalid Huffman codes.
  let middle = (offset + bytes.count) / 2
  bytes.replaceSubrange(middle..<middle + 16, with: [UInt8](repeating: 0xFF, count: 15) + [0x00])
  let error = decodeError(bytes)
  #expect(error?.reason == "corrupt", "\(String(describing: error))")
}

@Test func everyErrorHasADescription() {
  let errors: [ImagingError] = [
    .empty, .notJPEG("m"), .truncated("m"), .corrupt("m"), .fileTooLarge(bytes: 2, limit: 1),
    .tooLarge(width: 3, height: 4, limit: 5), .tooManyScans(limit: 6), .memoryLimit(limit: 7),
    .unsupportedColorSpace("CMYK"), .unsupported("m"), .encodeFailed("m"),
  ]
  #expect(Set(errors.map(\.reason)).count == errors.count)
  #expect(errors.allSatisfy { !$0.description.isEmpty })
  #expect(
    ImagingError.tooLarge(width: 3, height: 4, limit: 5).description
      == "the image is 3x4, more than the limit of 5 pixels")
}

import Imaging

/// A grey image whose pixels are `value(x, y)`.
func grayImage(width: Int, height: Int, _ value: (Int, Int) -> Int) -> Image {
  var pixels: [UInt8] = []
  for y in 0..<height {
    for x in 0..<width { pixels.append(UInt8(value(x, y))) }
  }
  return Image(width: width, height: height, channels: 1, pixels: pixels)
}

/// An RGB image whose pixels are `value(x, y)`.
func rgbImage(width: Int, height: Int, _ value: (Int, Int) -> (Int, Int, Int)) -> Image {
  var pixels: [UInt8] = []
  for y in 0..<height {
    for x in 0..<width {
      let (r, g, b) = value(x, y)
      pixels += [UInt8(r), UInt8(g), UInt8(b)]
    }
  }
  return Image(width: width, height: height, channels: 3, pixels: pixels)
}

/// Gentle ramps, which JPEG keeps well even with subsampled chroma: red along x, green along y, constant blue.
func rampImage(width: Int, height: Int) -> Image {
  rgbImage(width: width, height: height) { x, y in (40 + min(3 * x, 200), 60 + min(3 * y, 180), 128) }
}

/// The JPEG of `image`, which the tests treat as valid input.
func jpeg(_ image: Image, quality: Int = 95, progression: JPEGProgression = .baseline) -> [UInt8] {
  do {
    return try encodeJPEG(image, quality: quality, progression: progression)
  } catch {
    fatalError("test fixture failed to encode: \(error)")
  }
}

/// A target that keeps the full decoded size of a `width`×`height` image (DCT scale 8/8).
func fullSize(width: Int, height: Int, _ color: ColorMode) -> ImageTarget {
  ImageTarget(width: width, height: height, color: color, crop: .stretch)
}

/// Largest and mean absolute difference between two images of the same shape.
func difference(_ a: Image, _ b: Image) -> (max: Int, mean: Double) {
  precondition(a.pixels.count == b.pixels.count)
  var largest = 0
  var total = 0
  for (p, q) in zip(a.pixels, b.pixels) {
    let d = abs(Int(p) - Int(q))
    largest = max(largest, d)
    total += d
  }
  return (largest, Double(total) / Double(max(1, a.pixels.count)))
}

/// `jpeg` with a marker segment (`marker`, payload) inserted right after SOI.
func inserting(marker: UInt8, payload: [UInt8], into jpeg: [UInt8]) -> [UInt8] {
  let length = payload.count + 2
  return Array(jpeg[0..<2]) + [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + jpeg[2...]
}

/// An APP1 EXIF payload whose IFD0 holds only the orientation tag, in little ("II") or big ("MM") endian order.
func exifPayload(orientation: Int, bigEndian: Bool = false) -> [UInt8] {
  func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
  func u32(_ v: Int) -> [UInt8] { bigEndian ? [0, 0] + u16(v) : u16(v) + [0, 0] }
  let tiffHeader: [UInt8] = (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(8)
  let entry = u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
  return Array("Exif".utf8) + [0, 0] + tiffHeader + u16(1) + entry + u32(0)
}

/// Offset of the first SOF0/SOF2 marker's height field in `jpeg`.
func frameSizeOffset(in jpeg: [UInt8]) -> Int? {
  var i = 2
  while i + 4 < jpeg.count, jpeg[i] == 0xFF {
    let marker = jpeg[i + 1]
    if marker == 0xC0 || marker == 0xC2 { return i + 5 }
    i += 2 + (Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3]))
  }
  return nil
}

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

/// A lossless JPEG (SOF3, ITU T.81 annex H) of the grey `image`: predictor 1 (the left neighbour; the one above
/// in the first column), point transform 0, one Huffman table giving every difference category 0...8 a 4-bit
/// code. libjpeg-turbo before 3.0 and our decoder do not take this process; DICOM workflows produce it.
func losslessJPEG(_ image: Image) -> [UInt8] {
  precondition(image.channels == 1, "a grey image")
  var bits = BitWriter()
  for y in 0..<image.height {
    for x in 0..<image.width {
      let value = Int(image.pixels[y * image.width + x])
      let prediction =
        x > 0
        ? Int(image.pixels[y * image.width + x - 1])
        : y > 0 ? Int(image.pixels[(y - 1) * image.width]) : 128
      let difference = value - prediction
      let category = difference == 0 ? 0 : Int.bitWidth - abs(difference).leadingZeroBitCount
      bits.write(category, count: 4)
      if category > 0 { bits.write(difference > 0 ? difference : difference - 1, count: category) }
    }
  }
  let (width, height) = (UInt8(image.width), UInt8(image.height))
  let huffman: [UInt8] = [0x00] + [0, 0, 0, 9] + [UInt8](repeating: 0, count: 12) + Array(0...8)
  return [0xFF, 0xD8] + segment(0xC4, huffman)
    + segment(0xC3, [8, 0, height, 0, width, 1, 1, 0x11, 0])
    + segment(0xDA, [1, 1, 0x00, 1, 0, 0]) + bits.finished() + [0xFF, 0xD9]
}

private func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
  [0xFF, marker, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
}

/// Entropy-coded bits, most significant first, with JPEG's byte stuffing (0x00 after each 0xFF).
private struct BitWriter {
  private var bytes: [UInt8] = []
  private var current = 0
  private var used = 0

  mutating func write(_ value: Int, count: Int) {
    for shift in stride(from: count - 1, through: 0, by: -1) {
      current = current << 1 | (value >> shift) & 1
      used += 1
      if used == 8 { flush() }
    }
  }

  /// The bytes, the last one padded with 1 bits.
  mutating func finished() -> [UInt8] {
    while used != 0 { write(1, count: 1) }
    return bytes
  }

  private mutating func flush() {
    bytes.append(UInt8(current))
    if current == 0xFF { bytes.append(0) }
    current = 0
    used = 0
  }
}

import Foundation
import Imaging
import Pipeline
import Synthesis

/// Capture files for the end-to-end tests, made with the project's own JPEG encoder.
enum Captures {
  /// A smooth 48x40 colour image (a bilinear blend of four seeded corner colours), as JPEG. The tiny classifier's
  /// logits spread on such images, so a batch of seeds gives both findings and negatives.
  static func jpeg(seed: UInt64) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    let corners = (0..<12).map { _ in Double.random(in: 0...255, using: &random) }
    let (width, height) = (48, 40)
    var pixels: [UInt8] = []
    pixels.reserveCapacity(width * height * 3)
    for y in 0..<height {
      let v = Double(y) / Double(height - 1)
      for x in 0..<width {
        let u = Double(x) / Double(width - 1)
        for channel in 0..<3 {
          let top = corners[channel] * (1 - u) + corners[3 + channel] * u
          let bottom = corners[6 + channel] * (1 - u) + corners[9 + channel] * u
          pixels.append(UInt8((top * (1 - v) + bottom * v).rounded()))
        }
      }
    }
    return encoded(Image(width: width, height: height, channels: 3, pixels: pixels))
  }

  /// A valid JPEG whose entropy-coded data is overwritten in the middle with invalid Huffman codes.
  static var corrupt: [UInt8] {
    var bytes = encoded(ramp(width: 64, height: 64))
    let middle = (frameSizeOffset(bytes) + bytes.count) / 2
    bytes.replaceSubrange(middle..<middle + 16, with: [UInt8](repeating: 0xFF, count: 15) + [0x00])
    return bytes
  }

  /// The first two thirds of a valid JPEG.
  static var truncated: [UInt8] {
    let whole = jpeg(seed: 1)
    return Array(whole[0..<(whole.count * 2 / 3)])
  }

  /// The start of a PNG file.
  static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)

  /// A decompression bomb: a small JPEG whose frame header claims 60000x60000 pixels.
  static var hugeDimensions: [UInt8] {
    var bytes = encoded(ramp(width: 16, height: 16))
    let offset = frameSizeOffset(bytes)
    bytes.replaceSubrange(offset..<offset + 4, with: [0xEA, 0x60, 0xEA, 0x60])
    return bytes
  }

  /// A progressive bomb: a valid grey JPEG in 190 scans (DC, then three successive-approximation scans for each
  /// AC coefficient), each of which makes a decoder pass over every block.
  static var progressiveBomb: [UInt8] {
    var scans = [JPEGScan(components: [0], spectralStart: 0, spectralEnd: 0, high: 0, low: 0)]
    for k in 1...63 {
      scans.append(JPEGScan(components: [0], spectralStart: k, spectralEnd: k, high: 0, low: 2))
      scans.append(JPEGScan(components: [0], spectralStart: k, spectralEnd: k, high: 2, low: 1))
      scans.append(JPEGScan(components: [0], spectralStart: k, spectralEnd: k, high: 1, low: 0))
    }
    let pixels = (0..<64 * 64).map { (index: Int) -> UInt8 in
      let (x, y) = (index % 64, index / 64)
      return UInt8((x * 3 + y * 2) % 256)
    }
    return encoded(Image(width: 64, height: 64, channels: 1, pixels: pixels), progression: .scans(scans))
  }

  /// A 1600x1200 progressive colour JPEG: a decoder holds all its coefficients at once, about 5.8 MB (over a
  /// 1 MiB `max_decode_memory_bytes`).
  static var progressiveLarge: [UInt8] { encoded(ramp(width: 1600, height: 1200), progression: .progressive) }

  private static func ramp(width: Int, height: Int) -> Image {
    var pixels: [UInt8] = []
    for y in 0..<height {
      for x in 0..<width { pixels += [UInt8(40 + min(3 * x, 200)), UInt8(60 + min(3 * y, 180)), 128] }
    }
    return Image(width: width, height: height, channels: 3, pixels: pixels)
  }

  static func encoded(_ image: Image, progression: JPEGProgression = .baseline) -> [UInt8] {
    do { return try encodeJPEG(image, quality: 90, progression: progression) } catch {
      fatalError("test capture failed to encode: \(error)")
    }
  }

  /// Where the height and width of the baseline (SOF0) or progressive (SOF2) frame header start.
  private static func frameSizeOffset(_ bytes: [UInt8]) -> Int {
    guard
      let marker = bytes.indices.dropLast().first(where: { bytes[$0] == 0xFF && [0xC0, 0xC2].contains(bytes[$0 + 1]) })
    else { fatalError("no frame header in the test capture") }
    // Marker (2 bytes), segment length (2), sample precision (1).
    return marker + 5
  }
}

/// Ways capture software puts files in the folder.
enum CaptureWriter {
  /// Writes `bytes` to `path` through one open and close: in `chunks` writes with `pause` seconds between them.
  static func write(_ bytes: [UInt8], to path: String, chunks: Int = 1, pause: TimeInterval = 0) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(descriptor >= 0, "cannot create \(path): errno \(errno)")
    let chunkSize = max(1, (bytes.count + chunks - 1) / chunks)
    var start = 0
    while start < bytes.count {
      if start > 0 { Thread.sleep(forTimeInterval: pause) }
      let end = min(bytes.count, start + chunkSize)
      bytes[start..<end].withUnsafeBytes { chunk in
        var written = 0
        while written < chunk.count {
          let count = Glibc.write(descriptor, chunk.baseAddress! + written, chunk.count - written)
          precondition(count > 0, "cannot write \(path): errno \(errno)")
          written += count
        }
      }
      start = end
    }
    close(descriptor)
  }

  /// Writes `bytes` under a temporary name (`path` + ".part") and renames the file to `path`.
  static func renameIn(_ bytes: [UInt8], to path: String) {
    write(bytes, to: path + ".part")
    precondition(rename(path + ".part", path) == 0, "cannot rename to \(path): errno \(errno)")
  }
}

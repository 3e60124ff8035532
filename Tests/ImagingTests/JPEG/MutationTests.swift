import Imaging
import TestSupport
import Testing

/// Applies one seeded random mutation: overwrite, flip or insert bytes, delete or duplicate a chunk, or truncate.
private func mutate(_ bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
  var bytes = bytes
  let at = Int.random(in: 0..<bytes.count, using: &random)
  switch Int.random(in: 0..<6, using: &random) {
  case 0:
    for _ in 0..<Int.random(in: 1...8, using: &random) {
      bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
    }
  case 1:
    bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
  case 2:
    bytes.insert(contentsOf: [0xFF, UInt8.random(in: 0...255, using: &random)], at: at)
  case 3:
    bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
  case 4:
    let chunk = bytes[at..<min(bytes.count, at + Int.random(in: 1...64, using: &random))]
    bytes.insert(contentsOf: chunk, at: Int.random(in: 0..<bytes.count, using: &random))
  default:
    bytes.removeSubrange(at...)
  }
  return bytes
}

@Test func mutatedJPEGsDecodeOrThrowButNeverCrash() {
  let exif = exifPayload(orientation: 6)
  let seeds: [[UInt8]] = [
    jpeg(rampImage(width: 40, height: 24), quality: 85),
    jpeg(rampImage(width: 33, height: 17), quality: 70, progression: .progressive),
    inserting(marker: 0xE1, payload: exif, into: jpeg(grayImage(width: 24, height: 24) { x, y in x * y % 256 })),
  ]
  let targets = [
    ImageTarget(width: 8, height: 8, color: .gray, crop: .centerCrop),
    ImageTarget(width: 32, height: 32, color: .rgb, crop: .letterbox(pad: 0)),
  ]
  var random = SeededGenerator(state: 20_241_125)
  var decoded = 0
  var reasons: [String: Int] = [:]
  for i in 0..<2000 {
    let bytes = mutate(seeds[i % seeds.count], using: &random)
    let target = targets[i % targets.count]
    do {
      let image = try decodeJPEG(bytes, target: target)
      // Whatever decodes must still be a consistent image that preprocessing accepts.
      let prepared = preprocess(image, to: target)
      #expect(prepared.pixels.count == target.width * target.height * target.color.channels)
      decoded += 1
    } catch {
      reasons[error.reason, default: 0] += 1
    }
  }
  // Both outcomes occur: harmless mutations (e.g. inside APP segments) and rejected ones.
  #expect(decoded > 0)
  #expect(reasons["corrupt", default: 0] > 0 && reasons["truncated", default: 0] > 0)
}

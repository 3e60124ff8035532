extension Orientation {
  /// The orientation recorded in an APP1 segment's payload ("Exif\0\0" and a TIFF structure), or nil when the
  /// segment is not EXIF or has no valid orientation tag in IFD0. Every read is bounds-checked: metadata that
  /// does not parse is ignored, never trusted.
  init?(exifSegment segment: UnsafeRawBufferPointer) {
    let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]  // "Exif\0\0"
    guard segment.count >= exifHeader.count, exifHeader.indices.allSatisfy({ segment[$0] == exifHeader[$0] })
    else { return nil }
    let tiff = TIFFReader(bytes: UnsafeRawBufferPointer(rebasing: segment[exifHeader.count...]))
    guard let tiff, let ifd = tiff.uint32(at: 4), let count = tiff.uint16(at: ifd) else { return nil }
    for entry in 0..<count {
      let at = ifd + 2 + entry * 12
      guard let tag = tiff.uint16(at: at) else { return nil }
      guard tag == 0x0112 else { continue }
      // Type 3 is SHORT; a count of 1 keeps the value in the first two bytes of the value field.
      guard tiff.uint16(at: at + 2) == 3, tiff.uint32(at: at + 4) == 1, let value = tiff.uint16(at: at + 8)
      else { return nil }
      self.init(rawValue: value)
      return
    }
    return nil
  }
}

/// Reads a TIFF structure's integers in its byte order ("II" little, "MM" big endian); offsets are from the
/// TIFF header, and a read past the end gives nil.
private struct TIFFReader {
  let bytes: UnsafeRawBufferPointer
  let bigEndian: Bool

  init?(bytes: UnsafeRawBufferPointer) {
    guard bytes.count >= 8 else { return nil }
    switch (bytes[0], bytes[1]) {
    case (0x49, 0x49): bigEndian = false
    case (0x4D, 0x4D): bigEndian = true
    default: return nil
    }
    self.bytes = bytes
    guard uint16(at: 2) == 42 else { return nil }
  }

  func uint16(at offset: Int) -> Int? { integer(at: offset, size: 2) }
  func uint32(at offset: Int) -> Int? { integer(at: offset, size: 4) }

  private func integer(at offset: Int, size: Int) -> Int? {
    guard offset >= 0, offset <= bytes.count - size else { return nil }
    var value = 0
    for i in 0..<size {
      let byte = Int(bytes[offset + (bigEndian ? i : size - 1 - i)])
      value = value << 8 | byte
    }
    return value
  }
}

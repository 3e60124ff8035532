/// Reads the headers of the JPEG in `bytes` (frame size, colour space, progressive, EXIF orientation) without
/// decoding pixels. Of the limits, only `maxFileBytes` applies: the rest concern decoding.
public func readJPEGHeader(_ bytes: [UInt8], limits: DecodeLimits = DecodeLimits()) throws(ImagingError) -> JPEGHeader {
  try bytes.withUnsafeBufferPointer { (buffer) throws(ImagingError) in
    try Decompressor(bytes: UnsafeRawBufferPointer(buffer), limits: limits).header
  }
}

/// Decodes the JPEG in `bytes` for `target`: checks the limits on the header before libjpeg allocates any image
/// memory, decodes at the smallest DCT-domain scale that `target.dctScale` allows, in the target's colour (grey or
/// RGB, converted by libjpeg), and applies the EXIF orientation. The result is upright and at least as large as
/// the target needs; `preprocess` brings it to the exact size.
///
/// Every libjpeg warning is an error: a truncated or corrupt file throws instead of decoding to grey.
public func decodeJPEG(
  _ bytes: [UInt8], limits: DecodeLimits = DecodeLimits(), target: ImageTarget
) throws(ImagingError) -> Image {
  try bytes.withUnsafeBufferPointer { (buffer) throws(ImagingError) in
    let decompressor = try Decompressor(bytes: UnsafeRawBufferPointer(buffer), limits: limits)
    let header = decompressor.header
    guard header.colorSpace.isSupported else { throw .unsupportedColorSpace(header.colorSpace.description) }
    // Each factor is at most 65500 (libjpeg's JPEG_MAX_DIMENSION), so the product cannot overflow.
    guard header.width * header.height <= limits.maxPixels else {
      throw .tooLarge(width: header.width, height: header.height, limit: limits.maxPixels)
    }
    let scale = target.dctScale(width: header.orientedWidth, height: header.orientedHeight)
    let image = try decompressor.decode(scale: scale, color: target.color)
    return header.orientation.apply(to: image)
  }
}

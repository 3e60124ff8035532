import CJPEG

/// An open libjpeg decompressor (through the CJPEG shim) over bytes that outlive it.
struct Decompressor: ~Copyable {
  private let handle: OpaquePointer
  private let limits: DecodeLimits

  /// Reads the headers, keeping the APP1 segments for EXIF. The corresponding C function is `cjpeg_open`.
  init(bytes: UnsafeRawBufferPointer, limits: DecodeLimits) throws(ImagingError) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { throw .empty }
    // libjpeg would call a lone byte a JPEG that ends early; it cannot even hold the SOI marker.
    guard bytes.count >= 2 else { throw .notJPEG("Not a JPEG file: only 1 byte") }
    guard bytes.count <= limits.maxFileBytes else {
      throw .fileTooLarge(bytes: bytes.count, limit: limits.maxFileBytes)
    }
    var cLimits = cjpeg_limits(max_memory: limits.maxMemoryBytes, max_scans: Int32(clamping: limits.maxScans))
    var error = cjpeg_error()
    guard let handle = cjpeg_open(base.assumingMemoryBound(to: UInt8.self), bytes.count, &cLimits, &error) else {
      throw ImagingError(error, limits: limits)
    }
    self.handle = handle
    self.limits = limits
  }

  deinit { cjpeg_close(handle) }

  /// The frame header and EXIF orientation. The corresponding C function is `cjpeg_get_header`.
  var header: JPEGHeader {
    let header = cjpeg_get_header(handle)
    return JPEGHeader(
      width: Int(header.width), height: Int(header.height), components: Int(header.components),
      colorSpace: JPEGColorSpace(header.color_space), isProgressive: header.progressive != 0,
      orientation: orientation)
  }

  /// The orientation of the first EXIF APP1 segment.
  private var orientation: Orientation {
    var marker = cjpeg_markers(handle)
    while let current = marker {
      let segment = UnsafeRawBufferPointer(start: current.pointee.data, count: Int(current.pointee.data_length))
      if let orientation = Orientation(exifSegment: segment) { return orientation }
      marker = current.pointee.next
    }
    return .identity
  }

  /// Decompresses at the DCT-domain scale `scale`/8 into `color`. The corresponding C functions are
  /// `cjpeg_start` and `cjpeg_read_image`.
  func decode(scale: Int, color: ColorMode) throws(ImagingError) -> Image {
    var width: UInt32 = 0
    var height: UInt32 = 0
    var components: Int32 = 0
    var error = cjpeg_error()
    let space = color == .gray ? JCS_GRAYSCALE : JCS_RGB
    guard cjpeg_start(handle, Int32(scale), space, &width, &height, &components, &error) == 0 else {
      throw ImagingError(error, limits: limits)
    }
    let rowBytes = Int(width) * Int(components)
    let count = rowBytes * Int(height)
    var failed = false
    let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      // On failure the bytes are left as they are and the array is dropped: UInt8 needs no initialization.
      failed = buffer.baseAddress.map { cjpeg_read_image(handle, $0, rowBytes, &error) != 0 } ?? true
      initialized = count
    }
    if failed { throw ImagingError(error, limits: limits) }
    return Image(width: Int(width), height: Int(height), channels: Int(components), pixels: pixels)
  }
}

extension JPEGColorSpace {
  init(_ space: J_COLOR_SPACE) {
    switch space {
    case JCS_GRAYSCALE: self = .gray
    case JCS_YCbCr: self = .yCbCr
    case JCS_RGB: self = .rgb
    case JCS_CMYK: self = .cmyk
    case JCS_YCCK: self = .ycck
    default: self = .unknown
    }
  }
}

extension ImagingError {
  /// The Swift form of a shim error; `limits` supplies the numbers libjpeg does not report.
  init(_ error: cjpeg_error, limits: DecodeLimits) {
    var text = error.message
    let message = withUnsafeBytes(of: &text) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    switch error.status {
    case CJPEG_NOT_JPEG: self = .notJPEG(message)
    case CJPEG_TRUNCATED: self = .truncated(message)
    case CJPEG_TOO_MANY_SCANS: self = .tooManyScans(limit: limits.maxScans)
    case CJPEG_OUT_OF_MEMORY: self = .memoryLimit(limit: limits.maxMemoryBytes)
    case CJPEG_UNSUPPORTED: self = .unsupported(message)
    default: self = .corrupt(message)
    }
  }
}

import CJPEG

/// The scan layout of an encoded JPEG.
public enum JPEGProgression: Sendable, Equatable {
  /// One sequential scan.
  case baseline
  /// libjpeg's standard progression (`jpeg_simple_progression`): 10 scans for colour, 6 for grey.
  case progressive
  /// A custom progressive scan script, checked by libjpeg.
  case scans([JPEGScan])
}

/// One scan of a progressive script (libjpeg's `jpeg_scan_info`): its components, spectral selection
/// `spectralStart...spectralEnd` and successive approximation bit positions `high` (Ah) and `low` (Al).
public struct JPEGScan: Sendable, Equatable {
  public var components: [Int]
  public var spectralStart: Int
  public var spectralEnd: Int
  public var high: Int
  public var low: Int

  public init(components: [Int], spectralStart: Int, spectralEnd: Int, high: Int, low: Int) {
    precondition((1...4).contains(components.count), "a scan has 1 to 4 components")
    self.components = components
    self.spectralStart = spectralStart
    self.spectralEnd = spectralEnd
    self.high = high
    self.low = low
  }
}

/// Encodes a grey or RGB `image` as a JPEG at `quality` (1…100), for synthetic captures and test fixtures.
/// The corresponding C function is `cjpeg_encode`.
public func encodeJPEG(
  _ image: Image, quality: Int = 90, progression: JPEGProgression = .baseline
) throws(ImagingError) -> [UInt8] {
  precondition((1...100).contains(quality), "JPEG quality is 1...100")
  var script: [jpeg_scan_info] = []
  if case .scans(let scans) = progression {
    script = scans.map { scan in
      let index = { (i: Int) in i < scan.components.count ? Int32(scan.components[i]) : 0 }
      return jpeg_scan_info(
        comps_in_scan: Int32(scan.components.count), component_index: (index(0), index(1), index(2), index(3)),
        Ss: Int32(scan.spectralStart), Se: Int32(scan.spectralEnd), Ah: Int32(scan.high), Al: Int32(scan.low))
    }
  }
  var error = cjpeg_error()
  var output: UnsafeMutablePointer<UInt8>?
  var size = 0
  let status = script.withUnsafeBufferPointer { scans in
    image.pixels.withUnsafeBufferPointer { pixels in
      var options = cjpeg_encode_options(
        quality: Int32(quality), progressive: progression == .progressive ? 1 : 0, scans: scans.baseAddress,
        scan_count: Int32(scans.count))
      return cjpeg_encode(
        pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(image.channels), &options, &output,
        &size, &error)
    }
  }
  guard status == 0, let output else {
    var text = error.message
    throw .encodeFailed(withUnsafeBytes(of: &text) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
  }
  defer { cjpeg_free(output) }
  return [UInt8](UnsafeBufferPointer(start: output, count: size))
}

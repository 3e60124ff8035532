/// Bounds on what one capture may cost to decode, checked before libjpeg allocates image memory.
public struct DecodeLimits: Sendable, Equatable {
  /// Largest accepted width × height of the frame header (a decompression bomb declares huge dimensions).
  public var maxPixels: Int
  /// Largest accepted file size.
  public var maxFileBytes: Int
  /// Largest accepted number of scans (a "progressive bomb" has thousands of tiny scans). At least 1.
  public var maxScans: Int
  /// libjpeg's `max_memory_to_use`; it bounds the whole-image coefficient buffer a progressive file needs.
  public var maxMemoryBytes: Int

  /// The defaults, which `[capture]`'s defaults are too (one source for the daemon, `classify` and `evaluate`):
  /// 100 megapixels, 64 MiB files, 64 scans, 128 MiB of libjpeg memory (two decodes at once fit a 1 GB board).
  public init(
    maxPixels: Int = 100_000_000, maxFileBytes: Int = 64 << 20, maxScans: Int = 64, maxMemoryBytes: Int = 128 << 20
  ) {
    precondition(maxPixels > 0 && maxFileBytes > 0 && maxScans > 0 && maxMemoryBytes > 0, "limits are positive")
    self.maxPixels = maxPixels
    self.maxFileBytes = maxFileBytes
    self.maxScans = maxScans
    self.maxMemoryBytes = maxMemoryBytes
  }
}

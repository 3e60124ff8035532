import Imaging

extension Configuration {
  /// The database holding the ledger and the outbox, in the state folder.
  public var databasePath: String { state.directory + "/edgediag.db" }
}

extension Configuration.Capture {
  /// What the decoder accepts of a capture: the `[capture]` size, pixel, scan and memory limits.
  public var decodeLimits: DecodeLimits {
    DecodeLimits(
      maxPixels: maxPixels, maxFileBytes: maxFileBytes, maxScans: maxScans, maxMemoryBytes: maxDecodeMemoryBytes)
  }
}

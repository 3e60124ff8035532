extension FindingReport {
  /// The id of the finding that model `modelSHA256` makes of the image with content `imageSHA256` on device
  /// `deviceID`: the first 16 bytes, as 32 lowercase hex digits, of SHA-256 over the device id (UTF-8), a NUL,
  /// the model's SHA-256, a NUL and the image's SHA-256 (both lowercase hex).
  ///
  /// It names the image's content, not its file: the same bytes touched, renamed, written in two passes or
  /// analysed again after a restart give the same id, so a receiver keyed on the Idempotency-Key sees one
  /// finding. Another image, another model or another device gives another id. A receiver can compute it from
  /// the body: `printf '%s\0%s\0%s' DEVICE_ID MODEL_SHA256 CAPTURE_SHA256 | sha256sum | cut -c1-32`.
  public static func findingID(deviceID: String, modelSHA256: String, imageSHA256: String) -> String {
    var hash = SHA256()
    hash.update(Array(deviceID.utf8) + [0] + Array(modelSHA256.utf8) + [0] + Array(imageSHA256.utf8))
    return Hex.encode(hash.finalize().prefix(16))
  }
}

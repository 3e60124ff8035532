import Platform

/// The name this device gives receivers: the configured `[forward] device_id`, or else 16 hex digits of
/// SHA-256 over `/etc/machine-id`, which identifies the device without revealing the machine id itself.
func deviceID(configured: String?) -> String {
  if let configured { return configured }
  // Ignoring the error is right: without a readable machine id the device still needs a name, and "unknown"
  // says plainly that none was configured or found.
  guard let machineID = try? readFile(atPath: "/etc/machine-id", limit: 64) else { return "unknown" }
  var hash = SHA256()
  hash.update(Array("edgediag-device\u{0}".utf8) + machineID)
  return Hex.encode(hash.finalize().prefix(8))
}

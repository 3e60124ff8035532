import Platform

/// The bearer token, read from its file at every request so that a rotated token is used without a restart.
enum BearerToken {
  /// `path` itself if absolute; otherwise relative to `credentialsDirectory` (systemd's `LoadCredential=` puts
  /// credentials under `$CREDENTIALS_DIRECTORY`).
  static func resolve(_ path: String, credentialsDirectory: String?) -> String {
    guard !path.hasPrefix("/"), let credentialsDirectory, !credentialsDirectory.isEmpty else { return path }
    return credentialsDirectory + "/" + path
  }

  /// The token in the file at `path`, without surrounding whitespace; nil for a file of only whitespace (the
  /// unit's default credential is a lone newline). The token itself never appears in an error.
  static func read(atPath path: String) throws(ForwardError) -> String? {
    let bytes: [UInt8]
    do {
      bytes = try readFile(atPath: path, limit: 64 * 1024)
    } catch {
      throw .unreadableToken(path: path, reason: error.description)
    }
    let token = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace
    if token.isEmpty { return nil }
    // A line break would end the header early and let the file inject headers of its own.
    guard token.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else {
      throw .unreadableToken(path: path, reason: "the token contains control characters")
    }
    return token
  }
}

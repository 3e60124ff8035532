/// Everything that can go wrong when forwarding a finding. Messages never contain the bearer token or the URL
/// (which may carry credentials); curl's own messages name at most the host and port.
public enum ForwardError: Error, Equatable, CustomStringConvertible {
  /// `[forward] url` is not set.
  case missingURL
  /// libcurl (package libcurl4) cannot be loaded.
  case libraryUnavailable(String)
  /// The receiver URL is not `https://`; findings never travel unencrypted.
  case insecureURL
  /// The bearer token file could not be read (`path` is the resolved path, never the token).
  case unreadableToken(path: String, reason: String)
  /// The receiver answered with something other than HTTP (curl: "Received HTTP/0.9 when not allowed"): the url
  /// names a service that is not a web server.
  case notHTTP(String)
  /// The host name (of the receiver or the proxy) did not resolve.
  case unresolvedHost(String)
  /// Nothing accepted the TCP connection.
  case connectionRefused(String)
  /// The connect or total timeout passed.
  case timedOut(String)
  /// A certificate could not be used: the receiver's did not verify against the configured CA (or the system
  /// store) or did not name the host, or the CA file or client certificate or key was unusable. Retrying cannot
  /// help until the configuration or the receiver changes.
  case certificateProblem(String)
  /// The TLS handshake failed for another reason (e.g. the connection dropped during it).
  case tlsFailed(String)
  /// The connection broke mid-exchange (reset, closed without a response).
  case connectionLost(String)
  /// The forwarder is stopping; the request was abandoned (the entry stays pending).
  case cancelled
  /// Any other libcurl failure, with its `CURLcode`.
  case transport(code: Int32, message: String)

  public var description: String {
    switch self {
    case .missingURL: return "no forward url is configured"
    case .libraryUnavailable(let reason): return "cannot load libcurl (install libcurl4): \(reason)"
    case .insecureURL: return "the forward url must start with https://"
    case .unreadableToken(let path, let reason): return "cannot read the bearer token file \(path): \(reason)"
    case .notHTTP(let message):
      return "the receiver did not answer in HTTP (is the url's port a web server?): \(message)"
    case .unresolvedHost(let message): return "host not resolved: \(message)"
    case .connectionRefused(let message): return "connection refused: \(message)"
    case .timedOut(let message): return "timed out: \(message)"
    case .certificateProblem(let message): return "TLS certificate problem: \(message)"
    case .tlsFailed(let message): return "TLS failed: \(message)"
    case .connectionLost(let message): return "connection lost: \(message)"
    case .cancelled: return "cancelled: the forwarder is stopping"
    case .transport(let code, let message): return "transport error \(code): \(message)"
    }
  }

  /// True for failures that come from the configuration or the receiver's certificate rather than from a
  /// passing network condition: they are retried, but reported as errors each time.
  public var isConfigurationProblem: Bool {
    switch self {
    case .missingURL, .libraryUnavailable, .insecureURL, .unreadableToken, .notHTTP, .certificateProblem: return true
    default: return false
    }
  }
}

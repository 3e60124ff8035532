import CCurl

/// An HTTPS client over one libcurl easy handle, which keeps the connection to the receiver alive between
/// requests. Use it from one thread at a time (the forwarder's).
///
/// Every request verifies the server certificate and host name (against `caFile`, or the system store), speaks
/// HTTPS only, and follows no redirects: a receiver that redirects gets a 3xx status back, not our payload.
public final class HTTPClient {
  /// The transport settings; each maps to one libcurl option.
  public struct Settings: Sendable {
    /// PEM bundle of the CAs that may sign the receiver's certificate; nil uses the system store.
    public var caFile: String?
    /// PEM client certificate and key for mutual TLS; both or neither.
    public var clientCertificate: String?
    public var clientKey: String?
    public var connectTimeoutMilliseconds: Int
    /// The whole exchange, connect included.
    public var timeoutMilliseconds: Int
    /// A proxy URL as libcurl reads it (e.g. `http://proxy:3128`); TLS to the receiver goes through it end to end.
    public var proxy: String?
    public var userAgent: String

    public init(
      caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil,
      connectTimeoutMilliseconds: Int = 10_000, timeoutMilliseconds: Int = 30_000, proxy: String? = nil,
      userAgent: String = "edgediag/\(edgediagVersion)"
    ) {
      self.caFile = caFile
      self.clientCertificate = clientCertificate
      self.clientKey = clientKey
      self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
      self.timeoutMilliseconds = timeoutMilliseconds
      self.proxy = proxy
      self.userAgent = userAgent
    }
  }

  public let settings: Settings
  private let handle: UnsafeMutableRawPointer
  private let errorBuffer: UnsafeMutablePointer<CChar>

  /// Loads libcurl on first use; throws `.libraryUnavailable` when it cannot be loaded.
  /// The corresponding C function is `curl_easy_init`.
  public init(settings: Settings) throws(ForwardError) {
    if let problem = libcurlLoadFailure { throw .libraryUnavailable(problem) }
    guard let handle = ccurl_easy_init() else { fatalError("curl_easy_init failed: out of memory") }
    self.handle = handle
    self.settings = settings
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
  }

  deinit {
    ccurl_easy_cleanup(handle)
    errorBuffer.deallocate()
  }

  /// POSTs `body` to `url` (which must be `https://`) with `headers`, and returns the response status and the
  /// headers that matter for retries. Throws the classified transport failure when no response arrived, and
  /// `.cancelled` soon (within about a second) after `isCancelled` starts returning true.
  /// The corresponding C function is `curl_easy_perform`.
  public func post(
    url: String, body: [UInt8], headers: [(name: String, value: String)], isCancelled: @escaping () -> Bool = { false }
  ) throws(ForwardError) -> HTTPResponse {
    guard Self.isHTTPS(url) else { throw .insecureURL }
    var list: UnsafeMutablePointer<curl_slist>? = nil
    // curl adds "Expect: 100-continue" to larger bodies, which costs a round trip; an empty value removes it.
    for line in headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
      list = ccurl_slist_append(list, line)
    }
    defer { ccurl_slist_free_all(list) }
    let response = ResponseCollector(isCancelled: isCancelled)
    let context = Unmanaged.passUnretained(response).toOpaque()
    errorBuffer[0] = 0

    try configure(url: url)
    try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
    try check(ccurl_setopt_long(handle, CURLOPT_POST, 1))
    // libcurl copies the body, so it cannot outlive its array while the handle holds on to it.
    try check(ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count))
    try check(
      body.withUnsafeBytes {
        ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
      })
    try check(ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, ResponseCollector.bodyCallback))
    try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
    try check(ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, ResponseCollector.headerCallback))
    try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
    try check(ccurl_setopt_xferinfo_function(handle, CURLOPT_XFERINFOFUNCTION, ResponseCollector.progressCallback))
    try check(ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context))
    try check(ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
    let code = ccurl_easy_perform(handle)
    // The header list and the collector die with this call; the handle must not keep pointers to them.
    _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, nil)
    _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, nil)
    _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, nil)
    _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, nil)
    try check(code)
    var status = 0
    try check(ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status))
    return HTTPResponse(status: status, retryAfter: response.retryAfter, bodyExcerpt: response.excerpt)
  }

  /// Sets the per-request options from `settings`. They are set on every request so that no option from an
  /// earlier one lingers.
  private func configure(url: String) throws(ForwardError) {
    try check(ccurl_setopt_string(handle, CURLOPT_URL, url))
    try check(ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "https"))
    try check(ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
    try check(ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
    try check(ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
    try check(ccurl_setopt_string(handle, CURLOPT_CAINFO, settings.caFile))
    try check(ccurl_setopt_string(handle, CURLOPT_SSLCERT, settings.clientCertificate))
    try check(ccurl_setopt_string(handle, CURLOPT_SSLKEY, settings.clientKey))
    try check(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds))
    try check(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, settings.timeoutMilliseconds))
    // An empty proxy string disables proxies, including any from the environment (http_proxy and friends).
    try check(ccurl_setopt_string(handle, CURLOPT_PROXY, settings.proxy ?? ""))
    try check(ccurl_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent))
    // Timeouts through SIGALRM are not thread-safe; the forwarder runs on its own thread.
    try check(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
    try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)))
  }

  private func check(_ code: CURLcode) throws(ForwardError) {
    guard code != CURLE_OK else { return }
    let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: ccurl_easy_strerror(code))
    throw Self.classify(code, message: detail)
  }

  /// Maps a libcurl failure to the case the delivery policy and the operator care about.
  static func classify(_ code: CURLcode, message: String) -> ForwardError {
    switch code {
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .unresolvedHost(message)
    case CURLE_COULDNT_CONNECT: return .connectionRefused(message)
    case CURLE_OPERATION_TIMEDOUT: return .timedOut(message)
    case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM, CURLE_SSL_ISSUER_ERROR,
      CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CRL_BADFILE:
      return .certificateProblem(message)
    case CURLE_SSL_CONNECT_ERROR: return .tlsFailed(message)
    case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE: return .connectionLost(message)
    // post() has refused every url but https before curl saw it, so this is the answer's protocol.
    case CURLE_UNSUPPORTED_PROTOCOL: return .notHTTP(message)
    case CURLE_ABORTED_BY_CALLBACK: return .cancelled
    default: return .transport(code: Int32(bitPattern: code.rawValue), message: message)
    }
  }

  /// True when `url` names the https scheme (case-insensitively, as RFC 3986 allows).
  public static func isHTTPS(_ url: String) -> Bool {
    let scheme = url.utf8.prefix(8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    return scheme.elementsEqual("https://".utf8)
  }
}

/// Loading libcurl and its process-wide initialisation, run once (Swift initialises globals lazily and exactly
/// once), before the first handle: nil when it worked, else why not.
/// The corresponding C functions are `dlopen` and `curl_global_init`.
private let libcurlLoadFailure: String? = ccurl_load().map { String(cString: $0) }

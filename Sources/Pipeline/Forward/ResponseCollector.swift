import CCurl

/// Gathers what `HTTPClient` keeps of a response while libcurl delivers it: the `Retry-After` header of the final
/// response and the first bytes of its body; and tells libcurl when to give up. libcurl calls the callbacks with
/// this object as their context.
final class ResponseCollector {
  static let excerptLimit = 200
  private(set) var retryAfter: RetryAfter?
  private var body: [UInt8] = []
  let isCancelled: () -> Bool

  init(isCancelled: @escaping () -> Bool) { self.isCancelled = isCancelled }

  /// The body's start with anything but printable ASCII replaced, so that it is safe in a log line.
  var excerpt: String {
    String(decoding: body.map { $0 >= 0x20 && $0 < 0x7F ? $0 : 0x3F }, as: UTF8.self)
  }

  func receive(header line: UnsafeRawBufferPointer) {
    // Each response (an interim 1xx, then the final one) starts with its status line.
    if line.starts(with: "HTTP/".utf8) {
      retryAfter = nil
      return
    }
    guard let colon = line.firstIndex(of: 0x3A) else { return }
    let name = line[..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    guard name.elementsEqual("retry-after".utf8) else { return }
    retryAfter = RetryAfter(headerValue: String(decoding: line[(colon + 1)...], as: UTF8.self))
  }

  func receive(body bytes: UnsafeRawBufferPointer) {
    body.append(contentsOf: bytes.prefix(Self.excerptLimit - body.count))
  }

  static let headerCallback: ccurl_write_callback = { data, size, count, context in
    guard let context else { return 0 }
    let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
    collector.receive(header: UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
  }

  static let bodyCallback: ccurl_write_callback = { data, size, count, context in
    guard let context else { return 0 }
    let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
    collector.receive(body: UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
  }

  /// libcurl calls this at least once a second during a transfer; non-zero aborts it.
  static let progressCallback: ccurl_xferinfo_callback = { context, _, _, _, _ in
    guard let context else { return 0 }
    return Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue().isCancelled() ? 1 : 0
  }
}

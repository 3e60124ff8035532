import CSystemd
import Platform

/// Structured logging: each entry is a message, a priority, an optional `MESSAGE_ID` and `KEY=value` fields.
/// Under systemd the entry goes to journald with its fields intact; run by hand it becomes one readable stderr
/// line, `err: message (KEY=value MESSAGE_ID=…)`.
public struct Journal: Sendable {
  /// Where entries go.
  public enum Destination: Sendable, Equatable {
    /// journald's native protocol, through /run/systemd/journal/socket.
    case journal
    /// One line per entry on standard error.
    case standardError
    /// Each entry's standard-error line handed to a function as it is logged, on the logging thread: for tests
    /// that check what was logged, and what had happened by then.
    case lines(LineSink)
  }

  /// The function a `.lines` journal hands its entries to; sinks are equal only to themselves.
  public final class LineSink: Sendable, Equatable {
    let take: @Sendable ([UInt8]) -> Void

    public init(_ take: @escaping @Sendable ([UInt8]) -> Void) { self.take = take }

    public static func == (a: LineSink, b: LineSink) -> Bool { a === b }
  }

  public var destination: Destination
  /// `SYSLOG_IDENTIFIER`, which `journalctl -t` selects by.
  public var identifier: String

  public init(destination: Destination, identifier: String = "edgediag") {
    self.destination = destination
    self.identifier = identifier
  }

  /// The process-wide journal, its destination chosen from the environment at first use.
  public static let standard = Journal(destination: destinationFromEnvironment())

  /// Decides where entries go:
  /// - `EDGEDIAG_LOG=journal` or `EDGEDIAG_LOG=stderr` decides outright (for tests and debugging);
  /// - stderr already connected to the journal (`$JOURNAL_STREAM` names its device and inode): journal, which
  ///   keeps the fields that a stderr line would flatten;
  /// - started by systemd (`$INVOCATION_ID`) with journald's socket present: journal;
  /// - otherwise, run by hand: stderr.
  public static func destinationFromEnvironment() -> Destination {
    switch environmentVariable("EDGEDIAG_LOG") {
    case "journal": return .journal
    case "stderr": return .standardError
    default: break
    }
    if let stream = environmentVariable("JOURNAL_STREAM"), let (device, inode) = parseDeviceAndInode(stream),
      let status = try? FileDescriptor.standardError.status(), status.device == device, status.inode == inode
    {
      return .journal
    }
    if environmentVariable("INVOCATION_ID") != nil, (try? fileStatus(atPath: "/run/systemd/journal/socket")) != nil {
      return .journal
    }
    return .standardError
  }

  /// Logs an entry through `Journal.standard`.
  public static func send(
    priority: Priority, message: String, messageID: MessageID? = nil, fields: [(String, String)] = []
  ) {
    standard.send(priority: priority, message: message, messageID: messageID, fields: fields)
  }

  /// Logs an entry. Field names are fixed in code, so an invalid one (see `isValidFieldName`) is a programmer
  /// error. If journald cannot take the entry, it goes to stderr rather than being lost.
  /// The corresponding C function is `sd_journal_sendv`.
  public func send(priority: Priority, message: String, messageID: MessageID? = nil, fields: [(String, String)] = []) {
    for (name, _) in fields {
      precondition(Journal.isValidFieldName(name), "invalid journal field name")
    }
    if destination == .journal,
      sendToJournal(priority: priority, message: message, messageID: messageID, fields: fields)
    {
      return
    }
    let line = Journal.line(priority: priority, message: message, messageID: messageID, fields: fields)
    if case .lines(let sink) = destination { return sink.take(line) }
    _ = try? FileDescriptor.standardError.writeAll(line)
  }

  /// Whether journald accepts `name` from a client: 1–64 of A–Z, 0–9 and _, not starting with a digit or with
  /// _ (those are trusted fields that journald adds itself).
  public static func isValidFieldName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard let first = bytes.first, bytes.count <= 64, first != UInt8(ascii: "_") else { return false }
    guard !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
    return bytes.allSatisfy {
      (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        || $0 == UInt8(ascii: "_")
    }
  }

  /// The stderr form of an entry: `priority-name: message (KEY=value … MESSAGE_ID=id)` and a newline, with
  /// control characters and invalid UTF-8 inside escaped (`escapedForDisplay`, as `edgediag outcomes` prints file
  /// names), so that one entry stays one line and a file name cannot drive the terminal.
  static func line(priority: Priority, message: String, messageID: MessageID?, fields: [(String, String)]) -> [UInt8] {
    var line = Array(priority.name.utf8) + Array(": ".utf8)
    line += Array(escapedForDisplay(message).utf8)
    var all = fields
    if let messageID { all.append(("MESSAGE_ID", messageID.description)) }
    for (index, (name, value)) in all.enumerated() {
      line += Array((index == 0 ? " (" : " ").utf8) + Array(name.utf8) + [UInt8(ascii: "=")]
      line += Array(escapedForDisplay(value).utf8)
    }
    if !all.isEmpty { line.append(UInt8(ascii: ")")) }
    line.append(UInt8(ascii: "\n"))
    return line
  }

  private func sendToJournal(priority: Priority, message: String, messageID: MessageID?, fields: [(String, String)])
    -> Bool
  {
    // All assignments in one buffer, then one iovec per assignment pointing into it.
    var buffer: [UInt8] = []
    var extents: [(start: Int, count: Int)] = []
    func add(_ name: String, _ value: String) {
      let start = buffer.count
      buffer += Array(name.utf8) + [UInt8(ascii: "=")] + Array(value.utf8)
      extents.append((start, buffer.count - start))
    }
    add("PRIORITY", String(priority.rawValue))
    add("MESSAGE", message)
    if let messageID { add("MESSAGE_ID", messageID.description) }
    add("SYSLOG_IDENTIFIER", identifier)
    for (name, value) in fields { add(name, value) }
    return buffer.withUnsafeMutableBytes { bytes in
      var vectors = extents.map { iovec(iov_base: bytes.baseAddress! + $0.start, iov_len: $0.count) }
      return sd_journal_sendv(&vectors, Int32(vectors.count)) >= 0
    }
  }

  /// Parses `$JOURNAL_STREAM`, "device:inode" in decimal.
  static func parseDeviceAndInode(_ text: String) -> (UInt64, UInt64)? {
    let parts = Array(text.utf8).split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
    guard parts.count == 2, let device = decimal(parts[0]), let inode = decimal(parts[1]) else { return nil }
    return (device, inode)
  }

  private static func decimal(_ digits: ArraySlice<UInt8>) -> UInt64? {
    guard !digits.isEmpty, digits.count <= 19 else { return nil }
    var value: UInt64 = 0
    for digit in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
      value = value * 10 + UInt64(digit - UInt8(ascii: "0"))
    }
    return value
  }
}

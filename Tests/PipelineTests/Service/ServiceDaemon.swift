import Foundation
import Imaging
import Pipeline
import Systemd
import TestSupport
import Testing

/// A real `edgediag run`, started as systemd would start it: `edgediagExecutable`, its own capture and state
/// folders, a model card, `EDGEDIAG_LOG=journal`, and optionally a notification socket and a watchdog interval.
/// Stopped with SIGKILL if a test leaves it running.
final class ServiceDaemon {
  let folder = TemporaryDirectory()
  var captureFolder: String { folder.path + "/capture" }
  var stateFolder: String { folder.path + "/state" }
  var configPath: String { folder.path + "/edgediag.conf" }
  var ledgerPath: String { stateFolder + "/edgediag.db" }
  /// Standard output and error of the daemon (empty unless journald refuses an entry).
  var outputPath: String { folder.path + "/daemon.out" }
  let notify: NotifyListener?
  private let process = Process()
  /// Wall-clock start, in whole seconds, for `journalctl --since=@…`.
  private let startedAt = Int(Date().timeIntervalSince1970) - 1

  /// The model the service tests run: a two-class classifier that a debug build runs in milliseconds.
  static let modelPath = repositoryRoot + "/models/suite/classifier_tiny.tflite"
  static let labelCount = 2

  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// Writes the configuration (`settings` holds extra `[section]`s and keys, appended after the folders and the
  /// card) and starts the daemon, unless `startImmediately` is false. `watchdogMicroseconds` sets
  /// `$WATCHDOG_USEC` (and leaves `$WATCHDOG_PID` unset, which libsystemd reads as "this process").
  init(
    settings: String = "", notify: Bool = true, watchdogMicroseconds: Int? = nil, startImmediately: Bool = true
  ) throws {
    try FileManager.default.createDirectory(atPath: folder.path + "/capture", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: folder.path + "/state", withIntermediateDirectories: true)
    folder.write("model.conf", Self.card())
    folder.write("edgediag.conf", Self.config(folder: folder.path, settings: settings))
    self.notify = notify ? try NotifyListener() : nil

    var environment = ProcessInfo.processInfo.environment
    for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "INVOCATION_ID"] {
      environment[name] = nil
    }
    environment["EDGEDIAG_LOG"] = "journal"
    if let notify = self.notify { environment["NOTIFY_SOCKET"] = notify.path }
    if let watchdogMicroseconds { environment["WATCHDOG_USEC"] = String(watchdogMicroseconds) }
    process.environment = environment
    process.executableURL = URL(fileURLWithPath: try #require(edgediagExecutable))
    process.arguments = ["run", "--config", configPath]
    _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
    process.standardOutput = FileHandle(forWritingAtPath: outputPath)
    process.standardError = FileHandle(forWritingAtPath: outputPath)
    if startImmediately { try start() }
  }

  func start() throws { try process.run() }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  var pid: Int32 { process.processIdentifier }
  var isRunning: Bool { process.isRunning }

  /// A model card for `modelPath` with every label a finding at a low threshold: a softmax over `labelCount`
  /// labels has one score of at least 1 / `labelCount`, so every decodable capture becomes a finding.
  static func card() -> String {
    var hash = SHA256()
    hash.update(FileManager.default.contents(atPath: modelPath).map { [UInt8]($0) } ?? [])
    let labels = (0..<labelCount).map { "class\($0)" }
    return """
      [model]
      name = service-test
      version = 1.2.3
      file = \(modelPath)
      sha256 = \(Hex.encode(hash.finalize()))
      input_range = -1..1
      crop = center-crop
      colour = rgb
      [labels]
      names = \(labels.joined(separator: ", "))
      findings = \(labels.joined(separator: ", "))
      [thresholds]
      \(labels.map { "\($0) = 0.05" }.joined(separator: "\n"))
      [policy]
      uncertain_margin = 0

      """
  }

  static func config(folder: String, settings: String) -> String {
    """
    [capture]
    directory = \(folder)/capture
    [model]
    card = \(folder)/model.conf
    [state]
    directory = \(folder)/state
    \(settings)

    """
  }

  /// Rewrites the configuration file (for reload tests).
  func rewriteConfig(settings: String) {
    folder.write("edgediag.conf", Self.config(folder: folder.path, settings: settings))
  }

  /// Puts a capture into the watched folder the way imaging software does: written under a hidden temporary
  /// name (which the daemon ignores), then renamed. Returns the capture's path.
  @discardableResult
  func drop(_ name: String, _ bytes: [UInt8]) throws -> String {
    let temporary = captureFolder + "/." + name + ".part"
    try Data(bytes).write(to: URL(fileURLWithPath: temporary))
    let path = captureFolder + "/" + name
    try FileManager.default.moveItem(atPath: temporary, toPath: path)
    return path
  }

  func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// Sends SIGTERM and waits up to `timeout` seconds for the exit status (nil if it did not exit).
  func stop(timeout: TimeInterval = 30) -> Int32? {
    signal(SIGTERM)
    return waitForExit(timeout: timeout)
  }

  func waitForExit(timeout: TimeInterval) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { usleep(20_000) }
    guard !process.isRunning else { return nil }
    return process.terminationStatus
  }

  /// What the daemon wrote to standard output and error, for failure messages.
  var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

  // MARK: Journal

  /// Every journal entry this daemon process sent since it started (selected by `_PID`), oldest first, with
  /// every field as text.
  func journalEntries() throws -> [[String: String]] {
    let listing = try run(
      "/usr/bin/journalctl", "--no-pager", "--all", "-o", "json", "--since=@\(startedAt)", "_PID=\(pid)")
    return listing.output.split(separator: "\n").compactMap { line in
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
      return object.mapValues { value in
        // journalctl writes fields that are not valid UTF-8 (or hold control characters) as byte arrays.
        if let text = value as? String { return text }
        if let bytes = value as? [UInt8] { return String(decoding: bytes, as: UTF8.self) }
        return "\(value)"
      }
    }
  }

  /// Waits up to `timeout` seconds until this daemon's journal entries include one of each of `events`; returns
  /// all entries at that point.
  func waitForJournal(_ events: [Event], timeout: TimeInterval = 60) throws -> [[String: String]] {
    let ids = Set(events.map(\.messageID.description))
    return try waitForJournal(timeout: timeout) { ids.isSubset(of: Set($0.compactMap { $0["MESSAGE_ID"] })) }
  }

  /// Waits up to `timeout` seconds until `done` holds for this daemon's journal entries; returns them.
  func waitForJournal(timeout: TimeInterval = 60, until done: ([[String: String]]) -> Bool) throws
    -> [[String: String]]
  {
    let deadline = Date().addingTimeInterval(timeout)
    var entries = try journalEntries()
    while !done(entries), Date() < deadline {
      usleep(200_000)
      entries = try journalEntries()
    }
    return entries
  }

  /// The entries with `event`'s MESSAGE_ID.
  static func entries(_ entries: [[String: String]], _ event: Event) -> [[String: String]] {
    entries.filter { $0["MESSAGE_ID"] == event.messageID.description }
  }
}

/// A small RGB gradient as a JPEG: a capture that decodes.
func goodCapture(width: Int = 120, height: Int = 100) throws -> [UInt8] {
  var pixels: [UInt8] = []
  for y in 0..<height {
    for x in 0..<width { pixels += [UInt8(40 + x % 200), UInt8(60 + y % 180), 128] }
  }
  return try encodeJPEG(Image(width: width, height: height, channels: 3, pixels: pixels), quality: 90)
}

/// The start of a good JPEG, cut off inside its entropy-coded data: a capture that is rejected as truncated.
func truncatedCapture() throws -> [UInt8] {
  let whole = try goodCapture()
  return Array(whole.prefix(whole.count / 2))
}

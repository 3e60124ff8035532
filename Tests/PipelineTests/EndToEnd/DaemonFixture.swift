import Foundation
import Pipeline
import TestSupport
import Testing

/// The `edgediag` executable: the one `EDGEDIAG_EXECUTABLE` names, else the one `swift build` / `swift test` put
/// in the build products folder, which holds the test binary (Linux) or the .xctest bundle around it.
let edgediagExecutable: String? = {
  if let path = ProcessInfo.processInfo.environment["EDGEDIAG_EXECUTABLE"] { return path }
  var starts: [URL] = []
  if let binary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
    starts.append(URL(fileURLWithPath: binary))
  }
  starts += [Bundle.main.executableURL, Bundle.main.bundleURL].compactMap { $0 }
  starts += Bundle.allBundles.map(\.bundleURL)
  for start in starts {
    var folder = start.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("edgediag").path
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: candidate)
      {
        return candidate
      }
      folder = folder.deletingLastPathComponent()
    }
  }
  return nil
}()

/// The repository's root folder (this file is Tests/PipelineTests/EndToEnd/DaemonFixture.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One capture's row as `edgediag outcomes --json` prints it.
struct RecordedOutcome: Sendable {
  var capture: String
  var file: String
  var outcome: String
  var label: String?
  var reason: String
  var sha256: String?

  /// The file's base name.
  var name: String { (file as NSString).lastPathComponent }
}

/// A daemon's world in a temporary folder: capture folder, state folder, a config and a model card for
/// models/suite/classifier_tiny.tflite; it starts `edgediag run` and reads results back through the verbs.
final class DaemonFixture {
  let directory = TemporaryDirectory()
  var capture: String { directory.path + "/capture" }
  var configPath: String { directory.path + "/edgediag.conf" }
  var databasePath: String { directory.path + "/state/edgediag.db" }
  /// The SHA-256 of the model the card names, lowercase hex.
  let modelSHA256: String
  private var runs = 0

  /// The `[forward] device_id` of every fixture.
  static let deviceID = "test-device"

  /// `capture` is extra `[capture]` settings, one per line; `forward`, if not empty, the `[forward]` settings.
  /// The card makes each of `findings` (`lesion` by default) a finding at `findingThreshold`: with both labels
  /// and a threshold below 0.4, every capture is a finding. `modelCard`, if given, is the card to use instead.
  init(
    capture settings: String = "", forward: String = "", findingThreshold: Double = 0.5,
    findings: [String] = ["lesion"], workers: Int = 2, modelCard: String? = nil
  ) throws {
    try #require(
      edgediagExecutable != nil, "the edgediag executable is not beside the test binary: build it (swift build)")
    let model = repositoryRoot.appendingPathComponent("models/suite/classifier_tiny.tflite").path
    let modelBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: model)))
    modelSHA256 = SHA256.hex(of: modelBytes)
    try FileManager.default.createDirectory(atPath: capture, withIntermediateDirectories: true)
    // systemd's StateDirectory= makes this folder for the service.
    try FileManager.default.createDirectory(atPath: directory.path + "/state", withIntermediateDirectories: true)
    directory.write(
      "model.conf",
      """
      [model]
      name = classifier-tiny
      version = 1
      file = \(model)
      sha256 = \(modelSHA256)
      input_range = -1..1
      crop = stretch
      colour = rgb
      [labels]
      names = normal, lesion
      findings = \(findings.joined(separator: ", "))
      [thresholds]
      \(findings.map { "\($0) = \(findingThreshold)" }.joined(separator: "\n"))
      [policy]
      uncertain_margin = 0.1

      """)
    directory.write(
      "edgediag.conf",
      """
      [capture]
      directory = \(capture)
      \(settings)
      [model]
      card = \(modelCard ?? directory.path + "/model.conf")
      [state]
      directory = \(directory.path)/state
      [workers]
      count = \(workers)
      # The tests kill the daemon far more often than any capture could deserve; no capture is given up on.
      max_attempts = 1000
      [forward]
      device_id = \(Self.deviceID)
      \(forward)

      """)
  }

  /// Starts `edgediag run`; with `waitUntilReady`, returns once it has logged that it is ready. `launcher`, if
  /// given, is a command that execs the daemon (e.g. under another user). With `privateMounts`, the daemon runs in
  /// a mount namespace of its own (`unshare --mount`), where a test may mount over its folders (`nsenter --mount`)
  /// without touching the machine's.
  func start(
    waitUntilReady: Bool = true, privateMounts: Bool = false, launcher: [String] = [],
    environment: [String: String] = daemonEnvironment
  ) throws -> DaemonProcess {
    runs += 1
    let namespace = privateMounts ? ["/usr/bin/unshare", "--mount", "--propagation", "private"] : []
    let daemon = try DaemonProcess(
      arguments: ["run", "--config", configPath], logPath: directory.path + "/run-\(runs).log",
      launcher: namespace + launcher, environment: environment)
    if waitUntilReady {
      try #require(daemon.waitUntilLogged("edgediag ready", timeout: 30), "the daemon did not start:\n\(daemon.log)")
    }
    return daemon
  }

  /// Every recorded outcome (`edgediag outcomes --json`, without the pending claims it lists last).
  func outcomes() throws -> [RecordedOutcome] {
    try verbJSON(["outcomes", "--config", configPath, "--json"]).filter { $0["outcome"] is String }.map { row in
      RecordedOutcome(
        capture: row["capture"] as? String ?? "", file: row["file"] as? String ?? "",
        outcome: row["outcome"] as? String ?? "", label: row["label"] as? String,
        reason: row["reason"] as? String ?? "", sha256: row["sha256"] as? String)
    }
  }

  /// The files of the claims `edgediag outcomes --json` lists as pending.
  func pendingClaims() throws -> [String] {
    try verbJSON(["outcomes", "--config", configPath, "--json"]).filter { !($0["outcome"] is String) }.map {
      $0["file"] as? String ?? ""
    }
  }

  /// The finding ids (Idempotency-Keys) of the outbox's undelivered entries (`edgediag outbox --json`).
  func outboxFindings() throws -> [String] {
    try verbJSON(["outbox", "--config", configPath, "--json"]).map { $0["finding"] as? String ?? "" }
  }

  /// The finding id (the Idempotency-Key) of a capture with content `sha256`, written out as README's
  /// "Identity of a capture" defines it: SHA-256 over device id, NUL, model SHA-256, NUL, image SHA-256, cut to
  /// 32 hex digits.
  func findingID(imageSHA256 sha256: String) -> String {
    String(SHA256.hex(of: Array("\(Self.deviceID)\u{0}\(modelSHA256)\u{0}\(sha256)".utf8)).prefix(32))
  }

  /// Polls `outcomes` until there are at least `count` (or `timeout` seconds pass) and returns the last answer.
  /// Long lists are polled less often: each poll is a process that reads the whole ledger, on the daemon's CPUs.
  func waitForOutcomes(count: Int, timeout: TimeInterval = 60) throws -> [RecordedOutcome] {
    let deadline = Date().addingTimeInterval(timeout)
    var outcomes = try self.outcomes()
    while outcomes.count < count && Date() < deadline {
      Thread.sleep(forTimeInterval: count > 50 ? 1 : 0.2)
      outcomes = try self.outcomes()
    }
    return outcomes
  }

  /// Polls `outcomes` until there are at least `count`, for as long as the daemon makes progress: gives up only
  /// when no new outcome has come for `stall` seconds, so that a loaded machine slows the test but does not fail
  /// it. Returns the last answer.
  func waitForOutcomes(count: Int, stall: TimeInterval) throws -> [RecordedOutcome] {
    var outcomes = try self.outcomes()
    var progress = Date()
    while outcomes.count < count && Date().timeIntervalSince(progress) < stall {
      Thread.sleep(forTimeInterval: count > 50 ? 1 : 0.2)
      let next = try self.outcomes()
      if next.count > outcomes.count { progress = Date() }
      outcomes = next
    }
    return outcomes
  }

  /// Polls `outcomes` until capture `name` has one (true), or `timeout` seconds pass (false). With one worker,
  /// captures are taken in the order they came: once one written last is recorded, every earlier event was seen.
  func waitForOutcome(named name: String, timeout: TimeInterval = 30) throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if try outcomes().contains(where: { $0.name == name }) { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return try outcomes().contains { $0.name == name }
  }

  /// The path of capture `name`.
  func path(_ name: String) -> String { capture + "/" + name }

  private func verbJSON(_ arguments: [String]) throws -> [[String: Any]] {
    let result = try runEdgediag(arguments, in: directory.path)
    try #require(result.status == 0, "edgediag \(arguments[0]) failed: \(result.error)")
    let parsed = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    return try #require(parsed as? [[String: Any]], "edgediag \(arguments[0]) --json printed \(result.output)")
  }
}

/// Runs `edgediag arguments` to completion; its output goes through files in `folder`, so a long answer cannot
/// fill a pipe.
func runEdgediag(
  _ arguments: [String], in folder: String, environment: [String: String] = daemonEnvironment
) throws -> (status: Int32, output: String, error: String) {
  let executable = try #require(edgediagExecutable)
  let outputPath = folder + "/verb.out"
  let errorPath = folder + "/verb.err"
  _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
  _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.environment = environment
  process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
  process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
  try process.run()
  process.waitUntilExit()
  return (
    process.terminationStatus, try String(contentsOfFile: outputPath, encoding: .utf8),
    try String(contentsOfFile: errorPath, encoding: .utf8)
  )
}

/// The test's environment without systemd's variables, and with the journal going to standard error.
let daemonEnvironment: [String: String] = {
  var environment = ProcessInfo.processInfo.environment
  for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID"] {
    environment[name] = nil
  }
  environment["EDGEDIAG_LOG"] = "stderr"
  return environment
}()

/// One `edgediag run` process; what it logs goes to a file. Killed if still running when released.
final class DaemonProcess {
  let process = Process()
  let logPath: String

  /// `launcher`, if not empty, is a command that execs `edgediag` (appended to it, with `arguments`).
  init(
    arguments: [String], logPath: String, launcher: [String] = [], environment: [String: String] = daemonEnvironment
  ) throws {
    self.logPath = logPath
    _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    let command = launcher + [try #require(edgediagExecutable)] + arguments
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.environment = environment
    process.standardOutput = log
    process.standardError = log
    try process.run()
    try log.close()
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

  var isRunning: Bool { process.isRunning }

  /// Waits until the log contains `text` (`count` times); false after `timeout` seconds or if the daemon exits
  /// first.
  func waitUntilLogged(_ text: String, count: Int = 1, timeout: TimeInterval) -> Bool {
    func logged() -> Bool { log.components(separatedBy: text).count - 1 >= count }
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if logged() { return true }
      if !process.isRunning { return logged() }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return false
  }

  /// Sends SIGTERM and waits for the exit; returns the exit status (-1 if it died of a signal).
  @discardableResult
  func terminate() -> Int32 {
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    return process.terminationReason == .exit ? process.terminationStatus : -1
  }

  /// Kills the daemon with SIGKILL and waits until it is gone.
  func killNow() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// Expects exactly one outcome for each of the capture files `names` and none for other files; reports the
/// differences by name, not as whole lists.
func expectOneOutcomeEach(
  _ outcomes: [RecordedOutcome], for names: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
  let byName = Dictionary(grouping: outcomes, by: \.name)
  let missing = Set(names).subtracting(byName.keys).sorted()
  let unexpected = Set(byName.keys).subtracting(names).sorted()
  let repeated = byName.filter { $0.value.count > 1 }.mapValues { $0.map(\.outcome) }
  #expect(
    missing.isEmpty, "\(missing.count) of \(names.count) without an outcome: \(missing.prefix(20))",
    sourceLocation: sourceLocation)
  #expect(unexpected.isEmpty, "outcomes for other files: \(unexpected.prefix(20))", sourceLocation: sourceLocation)
  #expect(repeated.isEmpty, "more than one outcome: \(repeated.prefix(20))", sourceLocation: sourceLocation)
}

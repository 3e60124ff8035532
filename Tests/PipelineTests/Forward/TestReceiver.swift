import Foundation

/// The HTTPS receiver of receiver.py, run as a child process on 127.0.0.1 for one test.
final class TestReceiver {
  /// Certificates made once per test run: ca.pem signs the server's and client's; other-ca.pem signs nothing.
  static let certificates: URL = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-forward-\(getpid())")
    try? FileManager.default.removeItem(at: directory)
    // Removed when the test process exits (the path is derived again: a C callback captures nothing).
    atexit {
      try? FileManager.default.removeItem(
        at: FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-forward-\(getpid())"))
    }
    let process = python(["certs", directory.path])
    try! process.run()
    process.waitUntilExit()
    precondition(process.terminationStatus == 0, "receiver.py certs failed")
    return directory
  }()

  static var caFile: String { certificates.appendingPathComponent("ca.pem").path }
  static var otherCAFile: String { certificates.appendingPathComponent("other-ca.pem").path }
  static var clientCertificate: String { certificates.appendingPathComponent("client.pem").path }
  static var clientKey: String { certificates.appendingPathComponent("client.key").path }

  let log: URL
  private(set) var port: Int
  private var process: Process?
  private let script: String
  private let requireClientCertificate: Bool

  /// Starts a receiver answering POSTs as `script` says (see receiver.py), then 200.
  init(script: String = "[]", requireClientCertificate: Bool = false) throws {
    log = FileManager.default.temporaryDirectory.appendingPathComponent("receiver-\(UUID().uuidString).jsonl")
    self.script = script
    self.requireClientCertificate = requireClientCertificate
    port = 0
    try start()
  }

  deinit {
    stop()
    for suffix in ["", ".port", ".delay", ".arrivals"] {
      try? FileManager.default.removeItem(atPath: log.path + suffix)
    }
  }

  var url: String { "https://127.0.0.1:\(port)/findings" }

  /// Starts (again) on the same port, or on a free one the first time.
  func start() throws {
    let portFile = log.path + ".port"
    try? FileManager.default.removeItem(atPath: portFile)
    var arguments = [
      "serve", "--cert", Self.certificates.appendingPathComponent("server.pem").path,
      "--key", Self.certificates.appendingPathComponent("server.key").path, "--log", log.path,
      "--port", String(port), "--port-file", portFile, "--script", script,
    ]
    if requireClientCertificate { arguments += ["--client-ca", Self.caFile] }
    let process = Self.python(arguments)
    try process.run()
    self.process = process
    for _ in 0..<200 {
      if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let value = Int(text) {
        port = value
        return
      }
      Thread.sleep(forTimeInterval: 0.025)
    }
    throw CocoaError(.fileReadNoSuchFile)
  }

  func stop() {
    guard let process, process.isRunning else { return }
    // SIGKILL: the child inherits the signal mask of the spawning thread, in which SIGTERM may be blocked.
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    self.process = nil
  }

  /// Every request so far, in arrival order.
  func requests() -> [[String: Any]] {
    guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  /// Makes every answer from now on (replays of an accepted key too) wait `seconds` more than the script says;
  /// nil ends that.
  func delayEveryAnswer(_ seconds: Double?) {
    let path = log.path + ".delay"
    if let seconds {
      try! String(seconds).write(toFile: path, atomically: true, encoding: .utf8)
    } else {
      try? FileManager.default.removeItem(atPath: path)
    }
  }

  /// How many requests have arrived so far, answered or not: one that is counted here but not yet in `requests()`
  /// is in flight (its scripted delay is running).
  func arrivals() -> Int {
    guard let text = try? String(contentsOfFile: log.path + ".arrivals", encoding: .utf8) else { return 0 }
    return text.utf8.count { $0 == UInt8(ascii: "\n") }
  }

  /// The Idempotency-Keys the receiver accepted with 2xx for the first time, in order.
  func acceptedKeys() -> [String] {
    requests().compactMap { request in
      guard let status = request["status"] as? Int, (200..<300).contains(status), request["replayed"] as? Bool == false,
        let headers = request["headers"] as? [String: String]
      else { return nil }
      return headers["idempotency-key"]
    }
  }

  /// A free TCP port on 127.0.0.1 where nothing listens (bound and released).
  static func unusedPort() -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Runs `receiver.py validate KIND` over `bodies`; returns its complaints (empty when all are valid).
  static func problems(validating kind: String, _ bodies: [String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("payloads-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var paths: [String] = []
    for (index, body) in bodies.enumerated() {
      let path = directory.appendingPathComponent("\(index).json").path
      try body.write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    let process = python(["validate", kind] + paths)
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 ? "" : text + " (exit \(process.terminationStatus))"
  }

  private static func python(_ arguments: [String]) -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("receiver.py")
    process.arguments = ["python3", script.path] + arguments
    return process
  }
}

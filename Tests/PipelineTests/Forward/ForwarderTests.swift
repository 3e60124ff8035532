import Foundation
import Pipeline
import Platform
import TestSupport
import Testing

/// What the forwarder told its delegate, for the tests to wait on.
final class RecordedEvents: ForwarderDelegate, @unchecked Sendable {
  private let lock = NSLock()
  private var events: [String] = []

  var all: [String] { lock.withLock { events } }
  private func add(_ event: String) { lock.withLock { events.append(event) } }

  func forwarder(delivered entry: OutboxEntry, status: Int, attempts: Int) { add("delivered \(entry.id) \(status)") }
  func forwarder(willRetry entry: OutboxEntry, reason: String, isError: Bool, delayMilliseconds: Int64, attempts: Int) {
    add("retry \(entry.id) error=\(isError) \(reason)")
  }
  func forwarder(failed entry: OutboxEntry, reason: String) { add("failed \(entry.id) \(reason)") }
  func forwarder(heartbeatStatus status: Int?, reason: String) { add("heartbeat \(reason)") }
  func forwarder(storageFailed error: StorageError) { add("storage \(error)") }
  func forwarder(expired report: OutboxBoundsReport) { add("expired \(report.expiredByAge) \(report.expiredByCount)") }
}

/// A ledger with findings in its outbox, a forwarder on its own connection, and a receiver.
final class ForwardingRig {
  let directory = TemporaryDirectory()
  let ledger: Ledger
  let events = RecordedEvents()
  var configuration = Configuration().forward
  private(set) var forwarder: Forwarder?
  private var captures = 0

  init(receiver: TestReceiver?, caFile: String = TestReceiver.caFile) throws {
    ledger = Ledger(database: try Database(path: directory.path + "/edgediag.db"), run: 1)
    configuration.url = receiver?.url
    configuration.caFile = caFile
    configuration.timeoutMilliseconds = 1000
    configuration.tokenFile = directory.write("token", "secret-1\n")
  }

  deinit { forwarder?.stop() }

  /// Records `count` findings (JSON payloads) and returns their ids.
  @discardableResult
  func enqueue(_ count: Int) throws -> [String] {
    var ids: [String] = []
    for _ in 0..<count {
      captures += 1
      let now = Int64(Date().timeIntervalSince1970 * 1e9)
      let key = CaptureKey(
        path: FilePath("/captures/\(captures).jpg"), size: 1000, modifiedNanoseconds: now, inode: UInt64(captures))
      let id = try ledger.claim(key, at: now).id
      let report = FindingReport.example(id)
      try ledger.record(
        id: id,
        outcome: OutcomeRecord(
          outcome: .finding, label: report.label, score: report.score, scores: report.classScores.map(\.score),
          sha256: report.captureSHA256, model: report.model, recordedAt: now),
        finding: Payload.finding(report, format: .json))
      ids.append(id)
    }
    forwarder?.wake()
    return ids
  }

  func start(policy: DeliveryPolicy = DeliveryPolicy(baseDelayMilliseconds: 50, maximumDelayMilliseconds: 400))
    throws
  {
    let outbox = Outbox(database: try Database(path: directory.path + "/edgediag.db"))
    let forwarder = try Forwarder(
      outbox: outbox, configuration: configuration, deviceID: "ward-3-xray", delegate: events, policy: policy,
      credentialsDirectory: directory.path)
    try forwarder.start()
    self.forwarder = forwarder
  }

  func outbox() throws -> Outbox { Outbox(database: try Database(path: directory.path + "/edgediag.db")) }

  /// Waits up to `seconds` for `condition`.
  func waitFor(_ seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
      if try condition() { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
  }
}

@Suite(.serialized) struct ForwarderTests {
  @Test func deliversEachFindingOnceUnderItsOwnKey() throws {
    let receiver = try TestReceiver()
    let rig = try ForwardingRig(receiver: receiver)
    let ids = try rig.enqueue(5)
    try rig.start()
    #expect(try rig.waitFor { try rig.outbox().counts().delivered == 5 })
    #expect(receiver.acceptedKeys().sorted() == ids.sorted())
    for request in receiver.requests() {
      let headers = try #require(request["headers"] as? [String: String])
      let body = try #require(
        try JSONSerialization.jsonObject(with: Data((request["body"] as? String ?? "").utf8)) as? [String: Any])
      #expect(headers["idempotency-key"] == body["finding_id"] as? String)
      #expect(headers["authorization"] == "Bearer secret-1")
      #expect(headers["content-type"] == "application/json")
    }
    #expect(rig.events.all.filter { $0.hasPrefix("delivered") }.count == 5)
    #expect(try TestReceiver.problems(validating: "json", receiver.requests().map { $0["body"] as! String }) == "")
  }

  @Test func picksUpNewFindingsWhenWokenAndARotatedToken() throws {
    let receiver = try TestReceiver()
    let rig = try ForwardingRig(receiver: receiver)
    try rig.start()
    try rig.enqueue(1)
    #expect(rig.waitFor(5) { receiver.acceptedKeys().count == 1 })
    rig.directory.write("token", "secret-2")
    let started = Date()
    try rig.enqueue(1)
    #expect(rig.waitFor(5) { receiver.acceptedKeys().count == 2 })
    // The forwarder was asleep (nothing due for a minute); wake() brought it back at once.
    #expect(Date().timeIntervalSince(started) < 3)
    let tokens = receiver.requests().compactMap { ($0["headers"] as? [String: String])?["authorization"] }
    #expect(tokens == ["Bearer secret-1", "Bearer secret-2"])
  }

  @Test func deliversEverythingOnceTheReceiverIsBack() throws {
    let receiver = try TestReceiver()
    receiver.stop()
    let rig = try ForwardingRig(receiver: receiver)
    let ids = try rig.enqueue(3)
    try rig.start()
    #expect(rig.waitFor { rig.events.all.filter { $0.contains("connection refused") }.count >= 3 })
    #expect(try rig.outbox().counts().pending == 3)
    try receiver.start()
    #expect(try rig.waitFor { try rig.outbox().counts().delivered == 3 })
    #expect(receiver.acceptedKeys().sorted() == ids.sorted())
    #expect(!rig.events.all.contains { $0.contains("error=true") })
  }

  @Test func retriesServerErrorsThrottlingSlownessAndResets() throws {
    let receiver = try TestReceiver(
      script: #"[{"status": 500}, {"status": 503}, {"status": 429, "retry_after": "1"}, {"delay": 2}, {"reset": true}]"#
    )
    let rig = try ForwardingRig(receiver: receiver)
    let ids = try rig.enqueue(3)
    try rig.start(policy: DeliveryPolicy(baseDelayMilliseconds: 50, maximumDelayMilliseconds: 2000))
    #expect(try rig.waitFor(30) { try rig.outbox().counts().delivered == 3 })
    // Each finding is recorded once, though some were sent several times.
    let accepted = receiver.acceptedKeys()
    #expect(accepted.sorted() == ids.sorted())
    let requests = receiver.requests()
    // Five scripted failures and three successes; the slow one may still be finishing.
    #expect(requests.count >= 7)
    // Retry-After was honoured: nothing went out for a second after the 429.
    let times = requests.compactMap { $0["time"] as? Double }
    let throttled = try #require(requests.firstIndex { ($0["action"] as? [String: Any])?["status"] as? Int == 429 })
    #expect(times[throttled + 1] - times[throttled] >= 0.95)
    let retries = rig.events.all.filter { $0.hasPrefix("retry") }
    #expect(retries.contains { $0.contains("HTTP 500") } && retries.contains { $0.contains("Retry-After") })
    #expect(retries.contains { $0.contains("timed out") } && retries.contains { $0.contains("connection lost") })
  }

  @Test func parksAFindingTheReceiverRefuses() throws {
    let receiver = try TestReceiver(script: #"[{"status": 422}]"#)
    let rig = try ForwardingRig(receiver: receiver)
    let ids = try rig.enqueue(2)
    try rig.start()
    #expect(
      try rig.waitFor { try rig.outbox().counts() == OutboxCounts(pending: 0, delivered: 1, failed: 1, expired: 0) })
    let failed = try #require(try rig.outbox().list(states: [.failed]).first)
    #expect(failed.id == ids[0])
    #expect(failed.lastError?.hasPrefix("HTTP 422") == true)
    #expect(rig.events.all.contains { $0.hasPrefix("failed \(ids[0]) HTTP 422") })
  }

  @Test func reportsACertificateFromAnotherCAAsAnErrorAndKeepsTheFinding() throws {
    let receiver = try TestReceiver()
    let rig = try ForwardingRig(receiver: receiver, caFile: TestReceiver.otherCAFile)
    let ids = try rig.enqueue(1)
    try rig.start()
    #expect(rig.waitFor { rig.events.all.filter { $0.hasPrefix("retry \(ids[0]) error=true") }.count >= 2 })
    #expect(rig.events.all.allSatisfy { $0.contains("TLS certificate problem") })
    #expect(receiver.requests().isEmpty)
    let entry = try #require(try rig.outbox().lookup(id: ids[0]))
    #expect(entry.state == .pending)
    #expect(entry.lastError?.contains("certificate") == true)
  }

  @Test func neverSendsTheTokenToLogsOrTheOutbox() throws {
    let rig = try ForwardingRig(receiver: nil)
    rig.configuration.url = "https://127.0.0.1:\(TestReceiver.unusedPort())/findings"
    let ids = try rig.enqueue(1)
    try rig.start()
    #expect(rig.waitFor { rig.events.all.count >= 2 })
    rig.forwarder?.stop()
    #expect(!rig.events.all.contains { $0.contains("secret") })
    #expect(try rig.outbox().lookup(id: ids[0])?.lastError?.contains("secret") == false)
  }

  /// systemd/edgediag.service's default credential is a lone newline, which reads as "no token".
  @Test(arguments: ["\n", " \t\r\n", ""])
  func aTokenFileOfOnlyWhitespaceMeansNoToken(content: String) throws {
    let receiver = try TestReceiver()
    let rig = try ForwardingRig(receiver: receiver)
    rig.directory.write("credentials-token", content)
    rig.configuration.tokenFile = "credentials-token"
    try rig.enqueue(1)
    try rig.start()
    #expect(rig.waitFor { receiver.acceptedKeys().count == 1 })
    #expect((receiver.requests().first?["headers"] as? [String: String])?["authorization"] == nil)
  }

  @Test func readsARelativeTokenFileFromTheCredentialsDirectory() throws {
    let receiver = try TestReceiver()
    let rig = try ForwardingRig(receiver: receiver)
    rig.directory.write("credentials-token", "from-credentials")
    rig.configuration.tokenFile = "credentials-token"
    try rig.enqueue(1)
    try rig.start()
    #expect(rig.waitFor { receiver.acceptedKeys().count == 1 })
    #expect((receiver.requests().first?["headers"] as? [String: String])?["authorization"] == "Bearer from-credentials")
  }

  @Test func stopsPromptlyDuringASlowRequestAndKeepsTheEntry() throws {
    let receiver = try TestReceiver(script: #"[{"delay": 20}]"#)
    let rig = try ForwardingRig(receiver: receiver)
    rig.configuration.timeoutMilliseconds = 60_000
    let ids = try rig.enqueue(1)
    try rig.start()
    // Stopped once the request is in flight: the receiver has it and sits in its delay.
    #expect(rig.waitFor { receiver.arrivals() == 1 })
    let started = Date()
    rig.forwarder?.stop()
    #expect(Date().timeIntervalSince(started) < 3)
    #expect(try rig.outbox().lookup(id: ids[0])?.state == .pending)
    #expect(try rig.outbox().lookup(id: ids[0])?.attempts == 0)
  }

  @Test func sendsHeartbeatsWithTheOutboxState() throws {
    let receiver = try TestReceiver()
    let rig = try ForwardingRig(receiver: receiver)
    rig.configuration.heartbeatIntervalSeconds = 1
    try rig.start()
    #expect(rig.waitFor(10) { receiver.requests().count >= 2 })
    let request = try #require(receiver.requests().first)
    #expect(request["path"] as? String == "/findings/heartbeat")
    let body = try #require(
      try JSONSerialization.jsonObject(with: Data((request["body"] as? String ?? "").utf8)) as? [String: Any])
    #expect(body["device_id"] as? String == "ward-3-xray")
    #expect((body["outbox"] as? [String: Int])?["pending"] == 0)
    #expect(rig.events.all.contains("heartbeat HTTP 200"))
  }

  @Test func expiresTheOldestBeyondTheBoundAndSendsTheRest() throws {
    let receiver = try TestReceiver()
    let rig = try ForwardingRig(receiver: receiver)
    rig.configuration.maxOutboxEntries = 2
    let ids = try rig.enqueue(3)
    try rig.start()
    #expect(
      try rig.waitFor { try rig.outbox().counts() == OutboxCounts(pending: 0, delivered: 2, failed: 0, expired: 1) })
    #expect(try rig.outbox().list(states: [.expired]).map(\.id) == [ids[0]])
    #expect(rig.events.all.contains("expired 0 1"))
    #expect(receiver.acceptedKeys().sorted() == Array(ids[1...]).sorted())
  }

  @Test func refusesAMissingOrPlainHTTPURL() throws {
    let rig = try ForwardingRig(receiver: nil)
    let outbox = try rig.outbox()
    #expect(throws: ForwardError.missingURL) {
      try Forwarder(outbox: outbox, configuration: rig.configuration, deviceID: "d", delegate: rig.events)
    }
    rig.configuration.url = "http://127.0.0.1/findings"
    #expect(throws: ForwardError.insecureURL) {
      try Forwarder(outbox: outbox, configuration: rig.configuration, deviceID: "d", delegate: rig.events)
    }
  }
}

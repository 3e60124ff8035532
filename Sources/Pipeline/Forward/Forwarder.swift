import Formats
import Platform

/// Delivers the outbox to the receiver, on a thread of its own.
///
/// It takes the due entry that has waited longest, POSTs its stored body with the finding id as Idempotency-Key,
/// and marks the entry delivered only after a 2xx: a crash or a lost answer leaves it pending, so it is sent
/// again under the same key and the receiver, which keeps the keys it has seen, records it once. Failed attempts
/// follow `DeliveryPolicy`. The receiver is treated as one: after a failed attempt no request goes out before
/// the retry time, so an absent receiver costs one request per backoff step, not one per waiting finding.
///
/// Between deliveries it sleeps until the next entry is due, the next heartbeat, its `OutboxSignal` or `stop()`.
public final class Forwarder: @unchecked Sendable {
  public let url: String
  /// Where heartbeats go: the findings URL with `/heartbeat` appended to its path.
  public let heartbeatURL: String
  private let outbox: Outbox
  private let client: HTTPClient
  private let policy: DeliveryPolicy
  private let deviceID: String
  private let tokenPath: String?
  private let heartbeatIntervalNanoseconds: Int64
  private let maximumAgeNanoseconds: Int64
  private let maximumEntries: Int
  private let delegate: any ForwarderDelegate
  private let stopping = Locked(false)
  private let signal: OutboxSignal
  private var thread: Thread?

  // Used by the forwarder thread only.
  private var random = SystemRandomNumberGenerator()
  private var consecutiveFailures = 0
  private var pausedUntil: Int64 = 0

  /// The longest sleep: the wall clock can be set while we sleep on the monotonic one, so the due times (wall
  /// clock) are looked at again at least this often.
  static let maximumSleepNanoseconds: Int64 = 60_000_000_000
  /// How often the outbox bounds (`max_outbox_age_days`, `max_outbox_entries`) are applied.
  static let boundsIntervalNanoseconds: Int64 = 600_000_000_000

  /// A forwarder for `configuration` that reads and updates `outbox` (a connection of its own: it is used on the
  /// forwarder's thread). A relative `token_file` is looked up in `credentialsDirectory`. It wakes when `signal`
  /// is raised, which outlives it: the daemon's workers raise the same one whichever forwarder runs.
  public init(
    outbox: Outbox, configuration: Configuration.Forward, deviceID: String, delegate: any ForwarderDelegate,
    signal: OutboxSignal = OutboxSignal(), policy: DeliveryPolicy = DeliveryPolicy(),
    credentialsDirectory: String? = environmentVariable("CREDENTIALS_DIRECTORY")
  ) throws(ForwardError) {
    guard let url = configuration.url else { throw .missingURL }
    guard HTTPClient.isHTTPS(url) else { throw .insecureURL }
    self.url = url
    heartbeatURL = Self.heartbeatURL(for: url)
    self.outbox = outbox
    client = try HTTPClient(settings: HTTPClient.Settings(configuration))
    self.policy = policy
    self.deviceID = deviceID
    tokenPath = configuration.tokenFile.map { BearerToken.resolve($0, credentialsDirectory: credentialsDirectory) }
    heartbeatIntervalNanoseconds = Int64(configuration.heartbeatIntervalSeconds) * 1_000_000_000
    maximumAgeNanoseconds = Int64(configuration.maxOutboxAgeDays) * 86_400 * 1_000_000_000
    maximumEntries = configuration.maxOutboxEntries
    self.delegate = delegate
    self.signal = signal
  }

  /// Starts the forwarder thread.
  public func start() throws(Errno) {
    precondition(thread == nil, "Forwarder started twice")
    thread = try Thread(name: "forwarder") { [self] in run() }
  }

  /// Looks at the outbox now: raises its signal.
  public func wake() { signal.raise() }

  /// Stops the thread and waits for it: at once when idle, within about a second during a request (which is
  /// abandoned; its entry stays pending).
  public func stop() {
    stopping.withLock { $0 = true }
    signal.interrupt()
    thread?.join()
    thread = nil
  }

  private var isStopping: Bool { stopping.withLock { $0 } }

  private func run() {
    var nextHeartbeat = heartbeatIntervalNanoseconds > 0 ? MonotonicInstant.now : nil
    var nextBounds = MonotonicInstant.now
    while !isStopping {
      var sleep = Self.maximumSleepNanoseconds
      if MonotonicInstant.now >= nextBounds {
        enforceBounds()
        nextBounds = MonotonicInstant.now.advanced(byNanoseconds: Self.boundsIntervalNanoseconds)
      }
      if let due = nextHeartbeat {
        if MonotonicInstant.now >= due {
          sendHeartbeat()
          nextHeartbeat = MonotonicInstant.now.advanced(byNanoseconds: heartbeatIntervalNanoseconds)
        }
        sleep = min(sleep, nextHeartbeat?.nanoseconds(since: .now) ?? sleep)
      }
      let now = WallClock.now
      if now < pausedUntil {
        sleep = min(sleep, pausedUntil - now)
      } else {
        do {
          if let entry = try outbox.nextDue(now: now) {
            deliver(entry)
            continue
          }
          if let next = try outbox.nextAttemptTime() { sleep = min(sleep, next - now) }
        } catch {
          delegate.forwarder(storageFailed: error)
          sleep = min(sleep, policy.baseDelayMilliseconds * 1_000_000)
        }
      }
      signal.wait(until: MonotonicInstant.now.advanced(byNanoseconds: max(sleep, 0)))
    }
  }

  private func deliver(_ entry: OutboxEntry) {
    let result = post(
      to: url, body: entry.finding.body,
      headers: [("Content-Type", entry.finding.contentType), ("Idempotency-Key", entry.finding.idempotencyKey)])
    if case .failure(.cancelled) = result { return }
    let decision = policy.decide(
      result, attempt: max(entry.attempts, consecutiveFailures), now: WallClock.now, using: &random)
    let now = WallClock.now
    do {
      switch decision {
      case .delivered:
        consecutiveFailures = 0
        try outbox.markDelivered(id: entry.id, at: now)
        let status = (try? result.get())?.status ?? 200
        delegate.forwarder(delivered: entry, status: status, attempts: entry.attempts + 1)
      case .retry(let delay, let reason, let isError):
        consecutiveFailures += 1
        pausedUntil = now + delay * 1_000_000
        try outbox.markRetry(id: entry.id, nextAttemptAt: pausedUntil, error: reason)
        delegate.forwarder(
          willRetry: entry, reason: reason, isError: isError, delayMilliseconds: delay, attempts: entry.attempts + 1)
      case .failed(let reason):
        // The receiver answered, so it is there: the next finding need not wait.
        consecutiveFailures = 0
        try outbox.markFailed(id: entry.id, reason: reason)
        delegate.forwarder(failed: entry, reason: reason)
      }
    } catch {
      // The entry keeps its state; after a pause it is sent again under the same key.
      delegate.forwarder(storageFailed: error)
      pausedUntil = now + policy.baseDelayMilliseconds * 1_000_000
    }
  }

  private func enforceBounds() {
    do {
      let report = try outbox.enforceBounds(
        maxAge: maximumAgeNanoseconds, maxEntries: maximumEntries, now: WallClock.now)
      if report.expiredByAge + report.expiredByCount > 0 { delegate.forwarder(expired: report) }
    } catch {
      delegate.forwarder(storageFailed: error)
    }
  }

  private func sendHeartbeat() {
    var members: [(String, JSON)] = [
      ("device_id", .string(deviceID)), ("edgediag_version", .string(edgediagVersion)),
      ("sent_at", .timestamp(WallClock.now)),
    ]
    do {
      let counts = try outbox.counts()
      members.append(
        (
          "outbox",
          .object([
            ("pending", .integer(Int64(counts.pending))), ("failed", .integer(Int64(counts.failed))),
            ("expired", .integer(Int64(counts.expired))),
          ])
        ))
    } catch {
      delegate.forwarder(storageFailed: error)
    }
    switch post(to: heartbeatURL, body: JSON.object(members).rendered, headers: [("Content-Type", "application/json")])
    {
    case .success(let response): delegate.forwarder(heartbeatStatus: response.status, reason: "HTTP \(response.status)")
    case .failure(.cancelled): return
    case .failure(let error): delegate.forwarder(heartbeatStatus: nil, reason: error.description)
    }
  }

  /// POSTs with the bearer token, read now so that a rotated one is picked up.
  private func post(to url: String, body: String, headers: [(name: String, value: String)]) -> Result<
    HTTPResponse, ForwardError
  > {
    var headers = headers
    do {
      if let tokenPath, let token = try BearerToken.read(atPath: tokenPath) {
        headers.append(("Authorization", "Bearer " + token))
      }
      let stopping = self.stopping
      return .success(try client.post(url: url, body: Array(body.utf8), headers: headers) { stopping.withLock { $0 } })
    } catch {
      return .failure(error)
    }
  }

  /// `url` with `/heartbeat` appended to its path (before any query).
  static func heartbeatURL(for url: String) -> String {
    let end = url.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? url.endIndex
    var path = String(url[..<end])
    while path.hasSuffix("/") { path.removeLast() }
    return path + "/heartbeat" + url[end...]
  }
}

extension HTTPClient.Settings {
  /// The transport settings of `[forward]`.
  public init(_ configuration: Configuration.Forward) {
    self.init(
      caFile: configuration.caFile, clientCertificate: configuration.clientCertificate,
      clientKey: configuration.clientKey, connectTimeoutMilliseconds: configuration.connectTimeoutMilliseconds,
      timeoutMilliseconds: configuration.timeoutMilliseconds, proxy: configuration.proxy)
  }
}

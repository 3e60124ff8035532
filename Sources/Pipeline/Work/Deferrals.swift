import Platform

/// Captures that could not be read yet (`captureDeferred`), by capture id: how often each was put off and when
/// it may be tried again. Each capture backs off on its own, 5 s × 2^(n−1) after its n-th deferral up to
/// `maximumDelayNanoseconds`, so a file that stays unreadable is not opened every 5 s for ever, and other
/// captures finishing meanwhile do not reset its pace. Workers add to it; the main loop reads it when it claims,
/// and claims its captures again at each scan.
final class Deferrals: Sendable {
  /// One deferral of a capture, as counted.
  struct Deferral: Equatable {
    /// 1 for the capture's first deferral since it was last recorded (or since the start).
    var attempt: Int
    /// How long the capture waits before it is tried again.
    var delayNanoseconds: Int64
    /// Whether the journal says so: on attempts 1, 2, 4, 8 …, so that a file that stays unreadable for a day
    /// leaves a handful of lines, not thousands.
    var logged: Bool { attempt & (attempt - 1) == 0 }
  }

  private struct State {
    /// Deferrals by capture id, the monotonic instant from which each may be tried again, and its claim's key.
    var captures: [String: (count: Int, due: MonotonicInstant, key: CaptureKey)] = [:]
    /// The ids of the deferred captures by their file, which a scan finds before the ledger names the id.
    var ids: [CaptureKey: String] = [:]
    /// The earliest instant a deferral asked for a rescan since the main loop last took it.
    var wantedRescan: MonotonicInstant?
  }
  private let state = Locked(State())

  static let firstDelayNanoseconds: Int64 = 5_000_000_000
  static let maximumDelayNanoseconds: Int64 = 300_000_000_000

  /// The wait after a capture's `attempt`-th deferral.
  static func delay(afterAttempt attempt: Int) -> Int64 {
    // 2^6 × 5 s is already past the cap; the shift stays small for any count.
    min(maximumDelayNanoseconds, firstDelayNanoseconds << Int64(min(attempt - 1, 6)))
  }

  /// Counts a deferral of `job` at `now` and asks for a rescan when it is due.
  func add(_ job: CaptureJob, at now: MonotonicInstant) -> Deferral {
    state.withLock { state in
      let attempt = (state.captures[job.id]?.count ?? 0) + 1
      let delay = Self.delay(afterAttempt: attempt)
      let due = now.advanced(byNanoseconds: delay)
      state.captures[job.id] = (attempt, due, job.key)
      state.ids[job.key] = job.id
      state.wantedRescan = min(state.wantedRescan ?? due, due)
      return Deferral(attempt: attempt, delayNanoseconds: delay)
    }
  }

  /// Forgets `job` once it has an outcome.
  func remove(_ job: CaptureJob) {
    state.withLock { state in
      guard state.captures.removeValue(forKey: job.id) != nil else { return }
      state.ids.removeValue(forKey: job.key)
    }
  }

  /// The keys of `keys` that may be claimed at `now` (never put off, or their wait is over), in order, and how
  /// long the earliest of the others must still wait (nil when none does). Asked before the claim: claiming
  /// marks a capture as taken.
  func due(_ keys: [CaptureKey], at now: MonotonicInstant) -> (keys: [CaptureKey], nextWait: Int64?) {
    state.withLock { state in
      guard !state.ids.isEmpty else { return (keys, nil) }
      var due: [CaptureKey] = []
      due.reserveCapacity(keys.count)
      var nextWait: Int64?
      for key in keys {
        if let id = state.ids[key], let until = state.captures[id]?.due, now < until {
          let wait = until.nanoseconds(since: now)
          nextWait = min(nextWait ?? wait, wait)
        } else {
          due.append(key)
        }
      }
      return (due, nextWait)
    }
  }

  /// The claims of the deferred captures. The main loop claims them again by these keys at each scan, not only by
  /// what the scan finds: a file removed or replaced while its capture waited is found by no scan, yet its claim
  /// must reach a worker once its wait is over (`due(_:at:)`), which records it as vanished or replaced
  /// (`StaleClaim`).
  var claims: [CaptureKey] {
    state.withLock { state in state.captures.values.map { $0.key } }
  }

  /// The earliest instant a rescan was asked for since the last call, if any.
  func takeWantedRescan() -> MonotonicInstant? {
    state.withLock { state in
      defer { state.wantedRescan = nil }
      return state.wantedRescan
    }
  }
}

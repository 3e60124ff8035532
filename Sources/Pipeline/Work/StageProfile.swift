import Platform

/// The stages of one capture, as the profile names them.
public enum CaptureStage: Int, CaseIterable, Sendable {
  /// Reading the file.
  case read
  /// Its SHA-256.
  case hash
  /// Claiming it in the ledger (the main loop) and marking it begun (the worker).
  case claim
  /// JPEG decoding, at the DCT scale the model's input allows.
  case decode
  /// Crop and resize to the model's input.
  case preprocess
  /// Quantizing the input, running the model, dequantizing the scores, the finding policy.
  case inference
  /// The outcome's transaction, synced.
  case record
  /// The outcome's journal entry.
  case journal
  /// Handing the outcome on: moving the file if asked, the counters, the forwarder's signal.
  case forward

  var name: String {
    switch self {
    case .read: "read"
    case .hash: "hash"
    case .claim: "claim"
    case .decode: "decode"
    case .preprocess: "preprocess"
    case .inference: "inference"
    case .record: "record"
    case .journal: "journal"
    case .forward: "forward"
    }
  }
}

/// Thread CPU time per capture stage, summed over all threads, kept only when the daemon starts with
/// `EDGEDIAG_PROFILE` set (tools/bench-vs-python does): without it `shared` is nil and each stage boundary
/// costs one test of an optional. With it, each boundary reads the thread's CPU clock (a system call, about
/// 0.2 µs) and takes a lock.
public final class StageProfile: Sendable {
  /// Per stage (by raw value): how many times it ran and its CPU time in nanoseconds.
  private let totals = Locked([(count: Int, nanoseconds: Int64)](repeating: (0, 0), count: CaptureStage.allCases.count))

  /// The daemon's profile, or nil when `EDGEDIAG_PROFILE` is not set.
  public static let shared: StageProfile? = environmentVariable("EDGEDIAG_PROFILE") == nil ? nil : StageProfile()

  func add(_ stage: CaptureStage, nanoseconds: Int64) {
    totals.withLock {
      $0[stage.rawValue].count += 1
      $0[stage.rawValue].nanoseconds += nanoseconds
    }
  }

  /// "read 1000x 81234567 ns, hash …": each stage's count and total thread CPU time.
  public var summary: String {
    let totals = totals.withLock { $0 }
    return CaptureStage.allCases.map { stage in
      "\(stage.name) \(totals[stage.rawValue].count)x \(totals[stage.rawValue].nanoseconds) ns"
    }.joined(separator: ", ")
  }
}

/// Measures consecutive stages on the calling thread: each `lap` charges the thread CPU time since the last lap
/// (or since `init`) to a stage. `init` returns nil when the daemon is not profiling, so `clock?.lap(.hash)` then
/// does nothing.
struct StageClock {
  private let profile: StageProfile
  private var last: Int64

  init?() {
    guard let profile = StageProfile.shared else { return nil }
    self.profile = profile
    last = threadCPUNanoseconds()
  }

  /// Charges the time since the last lap to `stage`.
  mutating func lap(_ stage: CaptureStage) {
    let now = threadCPUNanoseconds()
    profile.add(stage, nanoseconds: now - last)
    last = now
  }
}

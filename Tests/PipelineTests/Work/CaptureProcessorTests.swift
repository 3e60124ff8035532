import Foundation
import Inference
import Platform
import Synchronization
import Systemd
import TestSupport
import Testing

@testable import Pipeline

@Test func recordsAClassifiedCaptureOnceWithItsCounts() throws {
  var step = try CaptureStep()
  let (returned, recorded) = try step.process(Captures.jpeg(seed: 1))
  let outcome = try #require(recorded)
  #expect(returned == outcome)
  #expect(outcome.outcome == .negative || outcome.outcome == .finding)
  #expect(outcome.sha256?.count == 64 && outcome.scores.count == 2 && outcome.model?.name == "classifier-tiny")
  #expect(step.status.done.load(ordering: .relaxed) == 1)
  #expect(step.status.findings.load(ordering: .relaxed) == (outcome.outcome == .finding ? 1 : 0))
}

/// An oversized file is rejected, with one reason, in what the step returns (which the journal and counters
/// read) and in the ledger alike: the outcome has one source of truth.
@Test func rejectsAnOversizedFileEverywhereAlike() throws {
  var step = try CaptureStep(capture: "max_file_bytes = 100")
  let (returned, recorded) = try step.process(Captures.jpeg(seed: 2))
  let outcome = try #require(recorded)
  #expect(outcome.outcome == .rejected)
  #expect(outcome.reason == "file-too-large: over 100 bytes ([capture] max_file_bytes)")
  #expect(returned == outcome)
  #expect(step.status.done.load(ordering: .relaxed) == 1 && step.status.findings.load(ordering: .relaxed) == 0)
}

@Test func rejectsACorruptCaptureWithItsHash() throws {
  var step = try CaptureStep()
  let (_, recorded) = try step.process(Captures.corrupt)
  let outcome = try #require(recorded)
  #expect(outcome.outcome == .rejected && outcome.sha256 != nil && !outcome.reason.isEmpty)
}

/// A capture renamed over while it waited in the queue: its claim is not recorded with the new file's content
/// (hash, scores) but rejected as replaced, and the new file is a capture of its own.
@Test func aCaptureReplacedWhileQueuedIsNotRecordedWithTheNewContent() throws {
  var step = try CaptureStep()
  let job = try step.claim(Captures.jpeg(seed: 1))
  let replacement = step.fixture.directory.path + "/replacement.jpg"
  try Data(Captures.jpeg(seed: 2)).write(to: URL(fileURLWithPath: replacement))
  try #require(rename(replacement, job.key.path.text!) == 0)

  let outcome = try #require(try step.process(job).recorded)
  #expect(outcome.outcome == .rejected && outcome.sha256 == nil && outcome.scores.isEmpty)
  #expect(outcome.reason.hasPrefix("replaced: "))
  let newKey = CaptureKey(path: job.key.path, status: try fileStatus(atPath: job.key.path.text!))
  #expect(try step.ledger.claim(newKey, at: 2).shouldProcess)
}

/// A capture swapped for a FIFO while queued: the worker neither blocks on it nor calls it unreadable.
@Test func aCaptureSwappedForAFIFOIsRejectedAsReplaced() throws {
  var step = try CaptureStep()
  let job = try step.claim(Captures.jpeg(seed: 3))
  try #require(unlink(job.key.path.text!) == 0 && mkfifo(job.key.path.text!, 0o644) == 0)
  let outcome = try #require(try step.process(job).recorded)
  #expect(outcome.outcome == .rejected && outcome.reason.hasPrefix("replaced: "))
}

/// Rewritten in place (same inode, new size and time) before a worker took it: the claim is not the file.
@Test func aCaptureRewrittenInPlaceWhileQueuedIsRejectedAsReplaced() throws {
  var step = try CaptureStep()
  let job = try step.claim(Captures.jpeg(seed: 4))
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: job.key.path.text!))
  try handle.seekToEnd()
  try handle.write(contentsOf: Data([0xFF, 0xD9]))
  try handle.close()
  #expect(try fileStatus(atPath: job.key.path.text!).inode == job.key.inode)
  let outcome = try #require(try step.process(job).recorded)
  #expect(outcome.outcome == .rejected && outcome.reason.hasPrefix("replaced: "))
}

/// setfsuid(2): the file system user id of the calling thread alone. Tests run as root, which reads any file;
/// as another user for one call, the thread meets a permission error as the daemon's user would.
@_silgen_name("setfsuid") private func setFileSystemUserID(_ uid: UInt32) -> Int32

/// A capture the daemon may not read yet is not rejected for good: it stays claimed, uncharged, with a rescan
/// asked for, and once the permission is fixed it is analysed. Each time it is put off it waits twice as long
/// (5 s, 10 s, 20 s …), counted for that capture alone: another capture recorded meanwhile does not reset it.
@Test func aCaptureThatCannotBeReadYetIsTriedAgain() throws {
  var step = try CaptureStep()
  let job = try step.claim(Captures.jpeg(seed: 5))
  try #require(chmod(job.key.path.text!, 0o000) == 0)
  var waits: [Int64] = []
  for attempt in 1...3 {
    let started = MonotonicInstant.now
    _ = setFileSystemUserID(65534)
    let (returned, recorded) = try step.process(job)
    _ = setFileSystemUserID(0)
    #expect(returned == nil && recorded == nil, "recorded as \(String(describing: recorded))")
    let rescan = try #require(step.status.deferrals.takeWantedRescan(), "no rescan asked for")
    waits.append(rescan.nanoseconds(since: started) / 1_000_000_000)
    #expect(try step.ledger.lookup(captureID: job.id)?.outcome == nil)
    // As the daemon's rescan claims it again; meanwhile another capture is recorded.
    #expect(try step.ledger.claim(job.key, at: 2) == .pending(job.id, attempts: 0))
    if attempt == 1 { #expect(try step.process(Captures.jpeg(seed: 8), name: "other.jpg").recorded != nil) }
  }
  #expect(waits == [5, 10, 20])
  #expect(step.status.deferrals.due([job.key], at: .now).nextWait != nil, "claimed again before its wait was over")

  try #require(chmod(job.key.path.text!, 0o644) == 0)
  let outcome = try #require(try step.process(CaptureJob(id: job.id, key: job.key)).recorded)
  #expect(outcome.outcome != .rejected && outcome.outcome != .failed)
  #expect(step.status.deferrals.due([job.key], at: .now).keys == [job.key], "a recorded capture still waits")
}

/// A deferred capture whose file is removed while it waits stays among the claims the main loop takes again, and
/// once taken its claim is recorded as vanished and no longer waits.
@Test func aDeferredCaptureWhoseFileVanishedIsRecordedAsVanished() throws {
  var step = try CaptureStep()
  let job = try step.claim(Captures.jpeg(seed: 9))
  try #require(chmod(job.key.path.text!, 0o000) == 0)
  _ = setFileSystemUserID(65534)
  let deferred = try step.process(job)
  _ = setFileSystemUserID(0)
  #expect(deferred.returned == nil && deferred.recorded == nil)
  try #require(unlink(job.key.path.text!) == 0)
  #expect(step.status.deferrals.claims == [job.key])

  #expect(try step.ledger.claim(job.key, at: 2) == .pending(job.id, attempts: 0))
  let outcome = try #require(try step.process(job).recorded)
  #expect(outcome.outcome == .rejected && outcome.reason.hasPrefix("vanished: "))
  #expect(step.status.deferrals.claims.isEmpty)
}

/// The back-off doubles from 5 s up to 5 minutes, and the journal tells of attempts 1, 2, 4, 8 … only.
@Test func deferralsBackOffToFiveMinutesAndAreLoggedAtPowersOfTwo() {
  let deferrals = Deferrals()
  let key = CaptureKey(path: FilePath("/capture/a.jpg"), size: 1, modifiedNanoseconds: 1, inode: 1)
  let added = (1...10).map { _ in deferrals.add(CaptureJob(id: "a", key: key), at: .now) }
  #expect(added.map { $0.delayNanoseconds / 1_000_000_000 } == [5, 10, 20, 40, 80, 160, 300, 300, 300, 300])
  #expect(added.filter(\.logged).map(\.attempt) == [1, 2, 4, 8])
}

/// A claim passes the captures whose wait is over, in order, and holds back the others with the earliest of
/// their waits, for the one rescan that claims them again.
@Test func deferredCapturesAreHeldBackUntilTheEarliestWaitIsOver() {
  let deferrals = Deferrals()
  let keys = (1...4).map {
    CaptureKey(path: FilePath("/capture/\($0).jpg"), size: 1, modifiedNanoseconds: 1, inode: UInt64($0))
  }
  let now = MonotonicInstant.now
  _ = deferrals.add(CaptureJob(id: "b", key: keys[1]), at: now)
  for _ in 1...2 { _ = deferrals.add(CaptureJob(id: "d", key: keys[3]), at: now) }
  let early = deferrals.due(keys, at: now.advanced(byNanoseconds: 1_000_000_000))
  #expect(early.keys == [keys[0], keys[2]])
  #expect(early.nextWait == 4_000_000_000)
  let later = deferrals.due(keys, at: now.advanced(byNanoseconds: 6_000_000_000))
  #expect(later.keys == [keys[0], keys[1], keys[2]])
  #expect(later.nextWait == 4_000_000_000)
  #expect(deferrals.due(keys, at: now.advanced(byNanoseconds: 10_000_000_000)) == (keys, nil))
}

/// Recording a capture that already has an outcome cannot succeed however often it is tried: the worker says
/// so and moves on at once, and the ledger is not called unhealthy.
@Test func aCaptureAlreadyRecordedIsNotRetried() throws {
  var step = try CaptureStep()
  let job = try step.claim(Captures.jpeg(seed: 6))
  try #require(try step.process(job).recorded != nil)
  let started = Date()
  #expect(step.analyseAndRecord(job) == nil)
  #expect(Date().timeIntervalSince(started) < 5, "the permanent error was retried")
  let healthy = step.status.ledgerHealthy.load(ordering: .relaxed)
  #expect(healthy)
}

/// A worker waiting to retry a ledger write stops waiting when the daemon stops: SIGTERM with a held ledger
/// ends promptly, and the capture stays claimed for the next start.
@Test func retryingARecordStopsAtShutdown() throws {
  var step = try CaptureStep(busyTimeoutMilliseconds: 50)
  let job = try step.claim(Captures.jpeg(seed: 7))
  let blocker = try Database(path: step.ledger.database.path)
  try blocker.execute("BEGIN IMMEDIATE")
  defer { _ = try? blocker.execute("ROLLBACK") }
  let status = step.status
  let stopper = Thread {
    Thread.sleep(forTimeInterval: 0.3)
    status.stopping.store(true, ordering: .relaxed)
  }
  let started = Date()
  stopper.start()
  #expect(step.analyseAndRecord(job) == nil)
  #expect(Date().timeIntervalSince(started) < 10, "the retries went on after shutdown")
  #expect(try step.ledger.lookup(captureID: job.id)?.outcome == nil)
}

/// A PyTorch classifier (NCHW input, `input_layout = nchw`, int8 logits: `scores = logits`) on the daemon's path:
/// the capture's recorded scores are the softmax of LiteRT's reference output for it
/// (models/torch-classifier/generate.py): they sum to 1, and lesion's 0.34 is below its 0.5 threshold's band.
@Test func recordsTheOutcomeOfAnNCHWClassifier() throws {
  let folder = ModelFolder("torch-classifier")
  var step = try CaptureStep(modelCard: folder.folder.appendingPathComponent("model.conf").path)
  let (returned, recorded) = try step.process(try folder.file("capture.jpg"))
  let outcome = try #require(recorded)
  #expect(returned == outcome)
  let model = try Model(flatbuffer: try folder.file("model.tflite"))
  let golden = try TorchClassifierGolden.probabilities(of: model)
  #expect(outcome.model?.name == "torch-classifier" && outcome.scores == golden)
  #expect(abs(outcome.scores.reduce(0, +) - 1) < 1e-6)
  #expect(outcome.outcome == .negative && outcome.label == "normal")
}

/// The classifier-tiny card of `DaemonFixture` with a `[gate]` section of `settings`, in `folder`.
private func gatedCard(_ settings: String, in folder: TemporaryDirectory) throws -> String {
  let fixture = try DaemonFixture()
  let card = try String(contentsOfFile: fixture.directory.path + "/model.conf", encoding: .utf8)
  return folder.write("model.conf", card + "[gate]\n" + settings + "\n")
}

/// The gate at its defaults leaves ordinary captures exactly as the model sees them without it.
@Test func theGateLeavesOrdinaryCapturesAlone() throws {
  let folder = TemporaryDirectory()
  let allOff = "min_width = off\nmin_height = off\nmax_aspect_ratio = off\nmin_luma_stddev = off"
  var gated = try CaptureStep()
  var ungated = try CaptureStep(modelCard: try gatedCard(allOff, in: folder))
  for seed: UInt64 in 1...4 {
    let withGate = try #require(try gated.process(Captures.jpeg(seed: seed)).recorded)
    let withoutGate = try #require(try ungated.process(Captures.jpeg(seed: seed)).recorded)
    #expect(withGate.outcome != .rejected && withGate.reason.isEmpty)
    #expect(withGate.outcome == withoutGate.outcome && withGate.scores == withoutGate.scores)
  }
}

/// Each check can be turned off, and the card's limits are the ones applied.
@Test func theGateFollowsTheCard() throws {
  let folder = TemporaryDirectory()
  var step = try CaptureStep(modelCard: try gatedCard("min_luma_stddev = off\nmin_width = 60", in: folder))
  let black = try #require(try step.process(Captures.flat(level: 0), name: "black.jpg").recorded)
  #expect(black.outcome != .rejected && black.scores.count == 2)
  let narrow = try #require(try step.process(Captures.jpeg(seed: 1), name: "narrow.jpg").recorded)
  #expect(narrow.outcome == .rejected)
  #expect(narrow.reason == "too-small: 48x40 pixels, below the model card's minimum width of 60")
}

/// A PyTorch classifier ending in a float32 SOFTMAX on the daemon's path: the recorded scores are LiteRT's
/// reference float32 output, and lesion's 0.406 is uncertain (threshold 0.5, margin 0.1).
@Test func recordsTheOutcomeOfAFloatSoftmaxClassifier() throws {
  let folder = ModelFolder("torch-classifier")
  var step = try CaptureStep(modelCard: folder.folder.appendingPathComponent("softmax.conf").path)
  let (returned, recorded) = try step.process(try folder.file("capture.jpg"))
  let outcome = try #require(recorded)
  #expect(returned == outcome)
  let golden = try NumPyArray(npy: folder.file("softmax.output.npy")).bytes.withUnsafeBytes { raw in
    (0..<2).map { raw.load(fromByteOffset: $0 * 4, as: Float.self) }
  }
  #expect(outcome.model?.name == "torch-classifier-softmax" && outcome.scores == golden)
  #expect(outcome.outcome == .uncertain && outcome.label == "lesion" && outcome.score == golden[1])
}

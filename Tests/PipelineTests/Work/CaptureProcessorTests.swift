import Foundation
import Inference
import Platform
import Systemd
import TestSupport
import Testing

@testable import Pipeline

/// The capture step in process, without a daemon: a fixture's configuration and model, its ledger, and one
/// processor as a worker thread holds it.
private struct Step {
  let fixture: DaemonFixture
  let ledger: Ledger
  let status = WorkStatus()
  var processor: CaptureProcessor

  init(capture settings: String = "", modelCard: String? = nil) throws {
    fixture = try DaemonFixture(capture: settings, modelCard: modelCard)
    let configuration = try Configuration.load(path: fixture.configPath)
    let loaded = LoadedConfiguration(
      configuration: configuration, model: try LoadedModel(cardPath: configuration.model.card), generation: 0,
      deviceID: "test-device")
    ledger = try Ledger(database: try Database(path: loaded.databasePath), run: 1)
    processor = CaptureProcessor(
      ledger: ledger, configuration: Locked(loaded), status: status, journal: Journal(destination: .standardError))
  }

  /// Writes `bytes` as a capture, claims it and processes it; returns the outcome as returned and as recorded.
  mutating func process(_ bytes: [UInt8], name: String = "capture.jpg") throws -> (
    returned: OutcomeRecord?, recorded: OutcomeRecord?
  ) {
    let path = fixture.capture + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let file = try fileStatus(atPath: path)
    let key = CaptureKey(
      path: path, size: Int64(file.size), modifiedNanoseconds: file.modificationTimeNanoseconds, inode: file.inode)
    guard case .new(let id) = try ledger.claim(key, at: 1) else {
      Issue.record("the capture was not new")
      return (nil, nil)
    }
    let returned = processor.process(CaptureJob(id: id, key: key))
    let recorded = try ledger.outcomes(since: 0, limit: 100).first { $0.id == id }?.outcome
    return (returned, recorded)
  }
}

@Test func recordsAClassifiedCaptureOnceWithItsCounts() throws {
  var step = try Step()
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
  var step = try Step(capture: "max_file_bytes = 100")
  let (returned, recorded) = try step.process(Captures.jpeg(seed: 2))
  let outcome = try #require(recorded)
  #expect(outcome.outcome == .rejected)
  #expect(outcome.reason == "file-too-large: over 100 bytes")
  #expect(returned == outcome)
  #expect(step.status.done.load(ordering: .relaxed) == 1 && step.status.findings.load(ordering: .relaxed) == 0)
}

@Test func rejectsACorruptCaptureWithItsHash() throws {
  var step = try Step()
  let (_, recorded) = try step.process(Captures.corrupt)
  let outcome = try #require(recorded)
  #expect(outcome.outcome == .rejected && outcome.sha256 != nil && !outcome.reason.isEmpty)
}

/// A PyTorch classifier (NCHW input, `input_layout = nchw`) on the daemon's path: the capture's recorded scores
/// are LiteRT's reference output for it (models/torch-classifier/generate.py).
@Test func recordsTheOutcomeOfAnNCHWClassifier() throws {
  let folder = ModelFolder("torch-classifier")
  var step = try Step(modelCard: folder.folder.appendingPathComponent("model.conf").path)
  let (returned, recorded) = try step.process(try folder.file("capture.jpg"))
  let outcome = try #require(recorded)
  #expect(returned == outcome)
  let model = try Model(flatbuffer: try folder.file("model.tflite"))
  let quantization = try #require(model.tensors[model.outputs[0]].quantization)
  let golden = try NumPyArray(npy: folder.file("capture.output.npy")).bytes.map {
    Float(Int32(Int8(bitPattern: $0)) - quantization.zeroPoints[0]) * quantization.scales[0]
  }
  #expect(outcome.model?.name == "torch-classifier" && outcome.scores == golden)
  #expect(outcome.outcome == .negative && outcome.label == "normal")
}

import Imaging
import Inference
import Platform

/// The result of classifying one capture's bytes, before it is recorded.
public struct Classification: Sendable {
  public var outcome: Outcome
  /// Why a capture was rejected or failed (e.g. "not-a-jpeg: …"); empty otherwise.
  public var reason: String
  /// The label that decided the outcome (the finding's, or the top label), and its score.
  public var label: String?
  public var score: Float?
  /// Every label's score, in the card's label order.
  public var scores: [Float]
  public var decodeMicroseconds: Int64?
  public var inferenceMicroseconds: Int64?

  public init(
    outcome: Outcome, reason: String, label: String? = nil, score: Float? = nil, scores: [Float],
    decodeMicroseconds: Int64? = nil, inferenceMicroseconds: Int64? = nil
  ) {
    self.outcome = outcome
    self.reason = reason
    self.label = label
    self.score = score
    self.scores = scores
    self.decodeMicroseconds = decodeMicroseconds
    self.inferenceMicroseconds = inferenceMicroseconds
  }

  /// The rejection of a capture whose file could not be read, in the same words for the daemon and `classify`:
  /// over `maxFileBytes` (EFBIG from `readFile`), naming its key as the decoder's limits do, or the system's error.
  public static func unreadable(_ error: Errno, maxFileBytes: Int) -> Classification {
    let reason =
      error == .fileTooLarge
      ? "file-too-large: over \(maxFileBytes) bytes ([capture] max_file_bytes)" : "unreadable: \(error)"
    return Classification(outcome: .rejected, reason: reason, scores: [])
  }
}

/// Decode → preprocess → quantize → infer → finding policy, for one thread: it owns an interpreter and its
/// arena, so each worker has its own. With `threads` above 1 the interpreter also owns that many kernel
/// threads (the worker's own included), started here.
public final class Classifier {
  public let loaded: LoadedModel
  public let limits: DecodeLimits
  /// Shared with the other workers' classifiers; nil: decodes are not bounded beyond this classifier.
  private let decodeGate: (gate: DecodeGate, limit: Int)?
  private let interpreter: Interpreter
  private let policy: FindingPolicy
  private let inputQuantization: Quantization
  private let outputScores: OutputScores
  /// Keep a copy of each inference's input for `lastTensors()` (one allocation per capture; off in the daemon).
  public var recordsTensors = false
  private var recordedInput: [UInt8]?

  /// With `decodeGate`, at most `limit` decodes run at once among the classifiers sharing its gate.
  public init(
    _ loaded: LoadedModel, limits: DecodeLimits, threads: Int = 1, decodeGate: (gate: DecodeGate, limit: Int)? = nil
  ) throws(ClassifierError) {
    self.loaded = loaded
    self.limits = limits
    self.decodeGate = decodeGate
    let executor: WorkerPool?
    do { executor = try WorkerPool.kernels(threads: threads) } catch { throw .threads(error) }
    do { interpreter = try Interpreter(model: loaded.model, executor: executor) } catch {
      throw .model(path: loaded.modelPath, error)
    }
    policy = loaded.card.policy
    // LoadedModel checked that the input is quantized per tensor and that the output gives one score per label.
    inputQuantization = interpreter.inputs[0].quantization ?? Quantization(scales: [1], zeroPoints: [0])
    outputScores = OutputScores(interpreter.outputs[0], logits: loaded.scores == .logits)
  }

  /// Classifies JPEG `bytes`. Never throws: a bad file is a `rejected` classification with its reason.
  public func classify(_ bytes: [UInt8]) -> Classification {
    var clock: StageClock? = nil
    return classify(bytes, clock: &clock)
  }

  /// Classifies JPEG `bytes`, charging decode, preprocessing and inference to `clock` when profiling.
  func classify(_ bytes: [UInt8], clock: inout StageClock?) -> Classification {
    var decodeStart = MonotonicInstant.now
    func rejected(_ reason: String, since start: MonotonicInstant) -> Classification {
      Classification(
        outcome: .rejected, reason: reason, scores: [],
        decodeMicroseconds: MonotonicInstant.now.nanoseconds(since: start) / 1000)
    }
    let image: Image
    do {
      // The size checks come before decoding (and before waiting for a decode slot): a 65500x1 strip costs nothing.
      let header = try readJPEGHeader(bytes, limits: limits)
      let gate = loaded.card.gate
      if let refusal = gate.refusal(width: header.orientedWidth, height: header.orientedHeight) {
        return rejected(refusal, since: decodeStart)
      }
      let decoded = try decode(bytes, started: &decodeStart)
      clock?.lap(.decode)
      if let refusal = gate.refusal(decoded) { return rejected(refusal, since: decodeStart) }
      image = preprocess(decoded, to: loaded.imageTarget)
      clock?.lap(.preprocess)
    } catch {
      let setting = error.captureSetting.map { " ([capture] \($0))" } ?? ""
      return rejected("\(error.reason): \(error)\(setting)", since: decodeStart)
    }
    let inferenceStart = MonotonicInstant.now
    let scores = infer(image)
    let done = MonotonicInstant.now
    let decision = policy.decide(scores: scores)
    clock?.lap(.inference)
    return Classification(
      outcome: decision.outcome, reason: "", label: decision.label, score: decision.score, scores: scores,
      decodeMicroseconds: inferenceStart.nanoseconds(since: decodeStart) / 1000,
      inferenceMicroseconds: done.nanoseconds(since: inferenceStart) / 1000)
  }

  /// Decodes `bytes` within the limits, once the decode gate (if any) has a slot; `started` is when it did.
  private func decode(_ bytes: [UInt8], started: inout MonotonicInstant) throws(ImagingError) -> Image {
    guard let decodeGate else { return try decodeJPEG(bytes, limits: limits, target: loaded.imageTarget) }
    return try decodeGate.gate.withSlot(limit: decodeGate.limit) { () throws(ImagingError) -> Image in
      started = MonotonicInstant.now
      return try decodeJPEG(bytes, limits: limits, target: loaded.imageTarget)
    }
  }

  /// Runs the model on a preprocessed image; returns one score per label (see `OutputScores`).
  public func infer(_ image: Image) -> [Float] {
    let scale = inputQuantization.scales[0]
    let zeroPoint = inputQuantization.zeroPoints[0]
    let normalization = loaded.inputNormalization
    let layout = loaded.inputLayout
    let unsignedInput = interpreter.inputs[0].type == .uint8
    interpreter.withInputBytes(0) { raw in
      if unsignedInput {
        quantize(
          image, scale: scale, zeroPoint: zeroPoint, normalization: normalization, layout: layout,
          into: raw.bindMemory(to: UInt8.self))
      } else {
        quantize(
          image, scale: scale, zeroPoint: zeroPoint, normalization: normalization, layout: layout,
          into: raw.bindMemory(to: Int8.self))
      }
    }
    if recordsTensors { recordedInput = interpreter.withInputBytes(0) { Array(UnsafeRawBufferPointer($0)) } }
    interpreter.invoke()
    return interpreter.withOutputBytes(0) { outputScores.read($0) }
  }

  /// With `recordsTensors`, the model's input and output tensors of the last inference, as NumPy arrays: what
  /// went into the model after decoding, preprocessing and quantization, and the raw output (int8, uint8 or
  /// float32). For checking a deployment against a reference runtime on the very same input (`classify
  /// --save-tensors`).
  public func lastTensors() -> (input: NumPyArray, output: NumPyArray)? {
    // The arena reuses the input's bytes once the first operator has read them: only the copy taken before
    // `invoke` is still the input.
    guard let inputBytes = recordedInput else { return nil }
    let input = interpreter.inputs[0]
    let output = interpreter.outputs[0]
    let outputBytes = interpreter.withOutputBytes(0) { Array($0) }
    guard let inputArray = try? NumPyArray(elementType: input.type, shape: input.shape, bytes: inputBytes),
      let outputArray = try? NumPyArray(elementType: output.type, shape: output.shape, bytes: outputBytes)
    else { return nil }
    return (inputArray, outputArray)
  }
}

import Foundation
import Imaging
import Inference
import TestSupport
import Testing

@testable import Pipeline

/// Class scores that are not int8 probabilities: a PyTorch classifier ending in a float32 SOFTMAX
/// (models/torch-classifier/softmax.*, written with its golden by generate.py there), a card saying
/// `scores = logits`, per-channel output parameters, and the outputs that are refused at load.
@Suite struct FloatScoresTests {
  static let folder = ModelFolder("torch-classifier")
  static func cardPath(_ name: String) -> String { folder.folder.appendingPathComponent(name).path }

  /// The card `name` with `extra` added after its `[model]` line, written to `directory`, its model file named
  /// by absolute path.
  static func card(_ name: String, adding extra: String, in directory: TemporaryDirectory) throws -> String {
    let text = try String(contentsOfFile: cardPath(name), encoding: .utf8)
      .replacingOccurrences(of: "[model]\n", with: "[model]\n" + extra + "\n")
      .replacing(#/file = (\S+)/#) { "file = " + cardPath(String($0.output.1)) }
    return directory.write("model.conf", text)
  }

  /// The float softmax model: the input tensor, the raw float32 output and the scores are LiteRT's reference
  /// ones; lesion's 0.406 is in the uncertain band [0.4, 0.5).
  @Test func aFloatSoftmaxOutputIsReadAsProbabilities() throws {
    let loaded = try LoadedModel(cardPath: Self.cardPath("softmax.conf"))
    #expect(loaded.scores == .probabilities)
    let classifier = try Classifier(loaded, limits: DecodeLimits())
    classifier.recordsTensors = true
    let result = classifier.classify(try Self.folder.file("capture.jpg"))
    let tensors = try #require(classifier.lastTensors())
    #expect(tensors.input == (try NumPyArray(npy: Self.folder.file("softmax.input.npy"))))
    let golden = try NumPyArray(npy: Self.folder.file("softmax.output.npy"))
    #expect(golden.elementType == .float32 && tensors.output == golden)
    let scores = golden.bytes.withUnsafeBytes { raw in (0..<2).map { raw.load(fromByteOffset: $0 * 4, as: Float.self) }
    }
    #expect(result.scores == scores)
    #expect(result.outcome == .uncertain && result.label == "lesion" && result.score == scores[1])
  }

  /// The int8 torch classifier's card says `scores = logits`, as its output is: the recorded scores are the
  /// softmax of the dequantized golden output, and they sum to 1.
  @Test func aLogitsCardTurnsTheOutputIntoProbabilities() throws {
    let loaded = try LoadedModel(cardPath: Self.cardPath("model.conf"))
    #expect(loaded.scores == .logits)
    let result = try Classifier(loaded, limits: DecodeLimits()).classify(try Self.folder.file("capture.jpg"))
    #expect(result.scores == (try TorchClassifierGolden.probabilities(of: loaded.model)))
    #expect(abs(result.scores.reduce(0, +) - 1) < 1e-6)
    #expect(result.outcome == .negative && result.label == "normal")
  }

  @Test func oneLogitBecomesTheLogisticProbability() {
    #expect(ClassProbabilities.fromLogits([0]) == [0.5])
    #expect(ClassProbabilities.fromLogits([2]) == [1 / (1 + Foundation.exp(-2))])
    #expect(ClassProbabilities.fromLogits([1000, 0]) == [1, 0])
  }

  @Test func aCardWithAnUnknownScoresValueIsAnError() throws {
    let directory = TemporaryDirectory()
    let path = try Self.card("softmax.conf", adding: "scores = odds", in: directory)
    #expect {
      try LoadedModel(cardPath: path)
    } throws: { error in
      guard case ClassifierError.card(let cardError) = error else { return false }
      return cardError.description == "\(path):3: [model] scores = 'odds': expected probabilities or logits"
    }
  }

  /// A float output tensor 2 written by `kind` from tensor 1, which a DEQUANTIZE writes from tensor 0.
  static func model(lastOperator kind: BuiltinOperator) -> Model {
    let tensors = [
      Tensor(name: "logits", type: .int8, shape: [1, 2], quantization: Quantization(scales: [0.1], zeroPoints: [0])),
      Tensor(name: "dequantized", type: .float32, shape: [1, 2]),
      Tensor(name: "scores", type: .float32, shape: [1, 2]),
    ]
    return Model(
      bytes: [], tensors: tensors,
      operators: [
        Operator(kind: .dequantize, version: 1, inputs: [0], outputs: [1], options: .none),
        Operator(kind: kind, version: 1, inputs: [1], outputs: [2], options: .none),
      ], inputs: [0], outputs: [2])
  }

  /// The operator that makes the scores is found through DEQUANTIZE and RESHAPE; a model input has none.
  @Test func theScoresProducerIsFoundThroughConversions() {
    #expect(LoadedModel.scoreProducer(of: 2, in: Self.model(lastOperator: .softmax)) == .softmax)
    #expect(LoadedModel.scoreProducer(of: 2, in: Self.model(lastOperator: .reshape)) == nil)
    #expect(LoadedModel.scoreProducer(of: 2, in: Self.model(lastOperator: .fullyConnected)) == .fullyConnected)
    #expect(LoadedModel.scoreProducer(of: 1, in: Self.model(lastOperator: .softmax)) == nil)
  }

  /// Per-channel output parameters: one pair per class along the last dimension is read class by class; any
  /// other split is refused, naming the tensor.
  @Test func perChannelOutputsAreReadPerClassOrRefused() {
    let perClass = Tensor(
      name: "scores", type: .int8, shape: [1, 2],
      quantization: Quantization(scales: [0.5, 0.25], zeroPoints: [-1, 3], dimension: 1))
    #expect(OutputScores.refusal(of: perClass) == nil)
    let bytes: [UInt8] = [UInt8(bitPattern: 5), UInt8(bitPattern: -5)]
    let scores = bytes.withUnsafeBytes { OutputScores(perClass, logits: false).read($0) }
    #expect(scores == [3, -2])
    let alongBatch = Tensor(
      name: "scores", type: .int8, shape: [1, 2], quantization: Quantization(scales: [0.5], zeroPoints: [0]))
    #expect(OutputScores.refusal(of: alongBatch) == nil)
    var wrongAxis = perClass
    wrongAxis.quantization?.dimension = 0
    #expect(
      OutputScores.refusal(of: wrongAxis)
        == "the output tensor 'scores' is quantized per channel along dimension 0 with 2 scales and 2 zero points; only one pair per tensor, or one per class along the last dimension, gives one score per class"
    )
  }
}

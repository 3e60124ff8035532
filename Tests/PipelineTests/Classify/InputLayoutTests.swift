import Foundation
import Imaging
import Inference
import TestSupport
import Testing

@testable import Pipeline

/// `input_layout`: a PyTorch classifier (NCHW int8 input, models/torch-classifier, written with its golden by
/// generate.py there) runs through `Classifier` as LiteRT's reference kernels run it, and a card whose layout
/// does not fit the model's input shape is refused at load.
@Suite struct InputLayoutTests {
  static let folder = ModelFolder("torch-classifier")
  static var cardPath: String { folder.folder.appendingPathComponent("model.conf").path }

  /// The torch classifier's card with `line` replaced (nil: removed), written to a temporary folder; its model
  /// file is named by absolute path.
  static func card(replacing line: String, with replacement: String?, in directory: TemporaryDirectory) throws
    -> String
  {
    let text = try String(contentsOfFile: cardPath, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = try #require(lines.firstIndex(of: line))
    if let replacement { lines[index] = replacement } else { lines.remove(at: index) }
    let modelLine = try #require(lines.firstIndex(of: "file = model.tflite"))
    lines[modelLine] = "file = " + folder.folder.appendingPathComponent("model.tflite").path
    return directory.write("model.conf", lines.joined(separator: "\n"))
  }

  /// Classifies capture.jpg and checks the input tensor and output against the golden files, and the scores
  /// against the softmax of the golden logits (the card says `scores = logits`).
  static func expectGolden(_ loaded: LoadedModel) throws {
    let classifier = try Classifier(loaded, limits: DecodeLimits())
    classifier.recordsTensors = true
    let result = classifier.classify(try folder.file("capture.jpg"))
    #expect(result.outcome != .rejected, "\(result.reason)")
    let tensors = try #require(classifier.lastTensors())
    #expect(tensors.input == (try NumPyArray(npy: folder.file("capture.input.npy"))))
    let golden = try NumPyArray(npy: folder.file("capture.output.npy"))
    #expect(tensors.output == golden)
    #expect(result.scores == (try TorchClassifierGolden.probabilities(of: loaded.model)))
  }

  /// Why loading the card at `path` fails as incompatible; nil if it loads.
  static func refusal(_ path: String) throws -> String? {
    do {
      _ = try LoadedModel(cardPath: path)
      return nil
    } catch .incompatible(_, let reason) {
      return reason
    }
  }

  @Test func nchwCardRunsThePyTorchClassifierAsTheReferenceDoes() throws {
    let loaded = try LoadedModel(cardPath: Self.cardPath)
    #expect(loaded.inputLayout == .nchw && loaded.card.inputLayout == .nchw)
    #expect(loaded.inputHeight == 24 && loaded.inputWidth == 32 && loaded.inputChannels == 3)
    try Self.expectGolden(loaded)
  }

  /// Without `input_layout`, [1, 3, 24, 32] can only be NCHW: the shape decides, with the same result.
  @Test func aSilentCardTakesTheLayoutTheShapeImplies() throws {
    let directory = TemporaryDirectory()
    let loaded = try LoadedModel(
      cardPath: try Self.card(replacing: "input_layout = nchw", with: nil, in: directory))
    #expect(loaded.card.inputLayout == nil && loaded.inputLayout == .nchw)
    try Self.expectGolden(loaded)
  }

  @Test func anNHWCCardOnAnNCHWInputIsRefused() throws {
    let directory = TemporaryDirectory()
    let path = try Self.card(replacing: "input_layout = nchw", with: "input_layout = nhwc", in: directory)
    #expect(
      try Self.refusal(path)
        == "the input shape [1, 3, 24, 32] read as nhwc (the card's input_layout) has 32 channels; colour = rgb needs 3; input_layout = nchw would fit it"
    )
  }

  /// The same card on an NHWC model (classifier_tiny, [1, 32, 32, 3]) with `input_layout = nchw`.
  @Test func anNCHWCardOnAnNHWCInputIsRefused() throws {
    let directory = TemporaryDirectory()
    let model = ModelSuite.folder.appendingPathComponent("classifier_tiny.tflite").path
    let text = try String(contentsOfFile: Self.cardPath, encoding: .utf8)
      .replacingOccurrences(of: "file = model.tflite", with: "file = " + model)
      .replacing(
        #/sha256 = [0-9a-f]{64}/#, with: "sha256 = " + SHA256.hex(of: try ModelSuite.file("classifier_tiny.tflite")))
    let path = directory.write("model.conf", text)
    #expect(
      try Self.refusal(path)
        == "the input shape [1, 32, 32, 3] read as nchw (the card's input_layout) has 32 channels; colour = rgb needs 3; input_layout = nhwc would fit it"
    )
  }

  /// The classifier with its input quantized per channel (per_channel_input.*, `generate.py per-channel-input`):
  /// captures are quantized with one scale, so it is refused at load, naming the tensor.
  @Test func anInputQuantizedPerChannelIsRefusedNamingTheTensor() throws {
    let path = Self.folder.folder.appendingPathComponent("per_channel_input.conf").path
    #expect(
      try Self.refusal(path)
        == "the input tensor 'serving_default_args_0' is quantized per channel (3 scales); captures are quantized with one scale and zero point per tensor"
    )
  }

  @Test func aLayoutOutsideTheTwoIsACardErrorWithFileLineAndKey() throws {
    let directory = TemporaryDirectory()
    let path = try Self.card(replacing: "input_layout = nchw", with: "input_layout = chw", in: directory)
    #expect {
      try LoadedModel(cardPath: path)
    } throws: { error in
      guard case ClassifierError.card(let cardError) = error else { return false }
      return cardError.description == "\(path):11: [model] input_layout = 'chw': expected nhwc or nchw"
    }
  }

  /// NCHW only where the colour's channel count is in dimension 1 and not in dimension 3.
  @Test(
    arguments: [
      ([1, 3, 224, 224], 3, ModelCard.InputLayout.nchw), ([1, 224, 224, 3], 3, .nhwc), ([1, 1, 28, 28], 1, .nchw),
      ([1, 28, 28, 1], 1, .nhwc), ([1, 3, 8, 3], 3, .nhwc), ([1, 1, 5, 1], 1, .nhwc), ([1, 4, 9, 9], 3, .nhwc),
    ] as [([Int], Int, ModelCard.InputLayout)])
  func theShapeImpliesALayout(shape: [Int], channels: Int, layout: ModelCard.InputLayout) {
    #expect(LoadedModel.impliedLayout(of: shape, channels: channels) == layout)
  }
}

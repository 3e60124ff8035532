import Imaging
import Inference
import Platform

/// A model card and the model it names, read, hash-checked and validated once. Workers build their own
/// `Classifier` (and interpreter arena) from it; the parsed model itself is shared.
public final class LoadedModel: Sendable {
  public let card: ModelCard
  public let model: Model
  public let modelPath: String
  public let identity: ModelIdentity
  /// The model's input: height, width and channels of its one int8 (or uint8) tensor, and their order.
  public let inputHeight: Int
  public let inputWidth: Int
  public let inputChannels: Int
  public let inputLayout: TensorLayout

  /// Reads the card at `cardPath` and the model file it names, checks the file's SHA-256 against the card and
  /// the model's input and output against the card's labels and colour mode.
  public init(cardPath: String) throws(ClassifierError) {
    do { card = try ModelCard.load(path: cardPath) } catch { throw .card(error) }
    modelPath = card.modelPath
    let bytes: [UInt8]
    do { bytes = try readFile(atPath: modelPath, limit: 512 * 1024 * 1024) } catch {
      throw .unreadable(path: modelPath, error)
    }
    var hash = SHA256()
    hash.update(bytes)
    let digest = Hex.encode(hash.finalize())
    guard card.sha256 == digest else { throw .hashMismatch(path: modelPath, expected: card.sha256, actual: digest) }
    do { model = try Model(flatbuffer: bytes) } catch { throw .model(path: modelPath, error) }
    identity = ModelIdentity(name: card.name, version: card.version, sha256: digest)

    guard model.inputs.count == 1 else {
      throw .incompatible(
        path: modelPath, reason: "a classifier has one input tensor, this model has \(model.inputs.count)")
    }
    let scores = model.tensors[model.outputs[0]].shape
    guard model.outputs.count == 1, scores.count == 1 || (scores.count == 2 && scores[0] == 1) else {
      throw .incompatible(
        path: modelPath,
        reason:
          "its output is not a class-score vector (one output of shape [1, N] or [N]; this model has \(model.outputs.count) output(s), the first of shape \(Self.describe(scores))): segmentation and detection models are not supported"
      )
    }
    let input = model.tensors[model.inputs[0]]
    // uint8: the converter's `inference_input_type=tf.uint8`.
    guard input.type == .int8 || input.type == .uint8, input.shape.count == 4, input.shape[0] == 1,
      input.quantization != nil
    else {
      throw .incompatible(
        path: modelPath,
        reason:
          "the input must be a quantized int8 or uint8 tensor [1, height, width, channels] or [1, channels, height, width]"
      )
    }
    let shape = input.shape
    let layout = card.inputLayout ?? Self.impliedLayout(of: shape, channels: card.colour.channels)
    inputLayout = layout == .nchw ? .nchw : .nhwc
    (inputHeight, inputWidth, inputChannels) =
      layout == .nchw ? (shape[2], shape[3], shape[1]) : (shape[1], shape[2], shape[3])
    guard inputChannels == card.colour.channels else {
      let source = card.inputLayout == nil ? "the layout its shape implies" : "the card's input_layout"
      let other: ModelCard.InputLayout = layout == .nchw ? .nhwc : .nchw
      let otherChannels = other == .nchw ? shape[1] : shape[3]
      let hint = otherChannels == card.colour.channels ? "; input_layout = \(other.rawValue) would fit it" : ""
      throw .incompatible(
        path: modelPath,
        reason:
          "the input shape \(Self.describe(shape)) read as \(layout.rawValue) (\(source)) has \(inputChannels) channels; colour = \(card.colour.rawValue) needs \(card.colour.channels)\(hint)"
      )
    }
    let output = model.tensors[model.outputs[0]]
    guard output.type == .int8 || output.type == .uint8, output.quantization != nil,
      output.elementCount == labels.count
    else {
      throw .incompatible(
        path: modelPath,
        reason: "the output must be a quantized int8 or uint8 tensor with one score per label (\(labels.count) labels)")
    }
  }

  /// The layout of an input `shape` [1, a, b, c] whose card does not state one: NCHW when the colour's channel
  /// count is `a` and not `c` (as in PyTorch's [1, 3, 224, 224]), NHWC otherwise. Only degenerate shapes are
  /// ambiguous ([1, 3, W, 3]: three rows of RGB or three columns of NCHW); they stay NHWC, the card's default.
  static func impliedLayout(of shape: [Int], channels: Int) -> ModelCard.InputLayout {
    shape[1] == channels && shape[3] != channels ? .nchw : .nhwc
  }

  /// `[1, 3, 224, 224]`.
  static func describe(_ shape: [Int]) -> String {
    "[" + shape.map { String($0) }.joined(separator: ", ") + "]"
  }

  /// The labels in the model's output order.
  public var labels: [String] { card.policy.labels }
  /// The labels that are findings.
  public var findingLabels: [String] { card.policy.rules.map { $0.label } }

  /// The card's colour mode, as the decoder takes it.
  public var colorMode: ColorMode { card.colour == .gray ? .gray : .rgb }

  /// The decode target for captures: the model's input size, the card's colour mode and crop policy
  /// (letterbox pads with black).
  public var imageTarget: ImageTarget {
    let crop: CropPolicy =
      switch card.crop {
      case .centerCrop: .centerCrop
      case .letterbox: .letterbox(pad: 0)
      case .stretch: .stretch
      }
    return ImageTarget(width: inputWidth, height: inputHeight, color: colorMode, crop: crop)
  }

  /// How pixel values become the model's real input values.
  public var inputNormalization: InputNormalization {
    InputNormalization(lower: card.inputRange.lower, upper: card.inputRange.upper)
  }

  /// Journal fields naming the model.
  public var journalFields: [(String, String)] {
    [
      ("EDGEDIAG_MODEL", identity.name), ("EDGEDIAG_MODEL_VERSION", identity.version),
      ("EDGEDIAG_MODEL_SHA256", identity.sha256),
    ]
  }
}

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
    if let quantization = input.quantization, !quantization.isPerTensor {
      throw .incompatible(
        path: modelPath,
        reason:
          "the input tensor '\(input.name)' is quantized per channel (\(quantization.scales.count) scales); captures are quantized with one scale and zero point per tensor"
      )
    }
    let output = model.tensors[model.outputs[0]]
    // float32: PyTorch's PT2E int8 models end in a float SOFTMAX (or a DEQUANTIZE).
    guard output.type == .float32 || ((output.type == .int8 || output.type == .uint8) && output.quantization != nil),
      output.elementCount == labels.count
    else {
      throw .incompatible(
        path: modelPath,
        reason:
          "the output must be a float32 tensor or a quantized int8 or uint8 tensor with one score per label (\(labels.count) labels)"
      )
    }
    if let reason = OutputScores.refusal(of: output) { throw .incompatible(path: modelPath, reason: reason) }
    // A float output is as likely logits as probabilities: without the card's word, only an output that a
    // SOFTMAX or LOGISTIC computes is taken as probabilities, since thresholds compared with logits would
    // decide wrongly without any error.
    if output.type == .float32, card.scores == nil {
      let producer = Self.scoreProducer(of: model.outputs[0], in: model)
      guard producer == .softmax || producer == .logistic else {
        throw .incompatible(
          path: modelPath,
          reason:
            "its float32 output '\(output.name)' is computed by \(producer?.name ?? "no operator"), not SOFTMAX or LOGISTIC, so it may be logits: the card must say scores = logits (edgediag applies softmax) or scores = probabilities"
        )
      }
    }
  }

  /// What the classifier's scores are: the card's word, or probabilities.
  public var scores: ModelCard.Scores { card.scores ?? .probabilities }

  /// The operator that computes the values of `tensor`, looking through the operators that only convert or
  /// reshape them (DEQUANTIZE, QUANTIZE, RESHAPE, SQUEEZE); nil for a tensor no operator writes.
  static func scoreProducer(of tensor: Int, in model: Model) -> BuiltinOperator? {
    var tensor = tensor
    // Each step goes to an earlier operator's input; the bound keeps a malformed cyclic graph from looping.
    for _ in 0...model.operators.count {
      guard let producer = model.operators.last(where: { $0.outputs.contains(tensor) }) else { return nil }
      switch producer.kind {
      case .dequantize, .quantize, .reshape, .squeeze:
        guard let input = producer.inputs.first, input >= 0 else { return producer.kind }
        tensor = input
      default:
        return producer.kind
      }
    }
    return nil
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
}

/// A model card: `model.conf` beside a .tflite file, describing what the model is, how to feed it, and how to
/// read its output. Same syntax as the daemon's config; unlike it, nothing that describes the model has a
/// default, because a wrong guess would silently change what the model sees or concludes.
///
/// ```
/// [model]
/// name = demo-lesion
/// version = 1.0.0
/// # The .tflite file, relative to the card's folder; its SHA-256 is checked when the model is loaded.
/// file = model.tflite
/// sha256 = 64 hex digits
/// # Optional.
/// intended_use = Research demonstration; not for diagnosis.
/// # The real values that pixel values 0 and 255 stand for before quantization.
/// input_range = 0..1
/// # center-crop, letterbox or stretch; rgb or gray.
/// crop = center-crop
/// colour = rgb
/// # Optional: nhwc ([1, height, width, channels], TensorFlow's order) or nchw ([1, channels, height, width],
/// # PyTorch's). Without it, the model's input shape decides (see `LoadedModel`).
/// input_layout = nhwc
/// # Optional: what the output holds. probabilities (the default): the scores as they are, dequantized;
/// # logits: edgediag turns them into probabilities (softmax, or the logistic function for one label). A card
/// # without it on a float32 output that no SOFTMAX or LOGISTIC computes is refused (see `LoadedModel`).
/// scores = probabilities
/// [labels]
/// # In the model's output order.
/// names = normal, lesion
/// findings = lesion
/// [thresholds]
/// # One per finding label, in (0, 1].
/// lesion = 0.5
/// [policy]
/// # The band below each threshold that asks for a human's review, in [0, 0.5].
/// uncertain_margin = 0.1
/// # Optional, and so is each key: the input gate (`InputGate`), checked before the model runs. `off` turns a
/// # check off; the defaults are shown.
/// [gate]
/// min_width = 16
/// min_height = 16
/// max_aspect_ratio = 10
/// min_luma_stddev = 2
/// ```
public struct ModelCard: Equatable, Sendable {
  public var name: String
  public var version: String
  /// The .tflite file, resolved against the card's folder.
  public var modelPath: String
  /// The .tflite file's expected SHA-256, lowercase hex.
  public var sha256: String
  public var intendedUse: String
  /// The real values that pixel values 0 and 255 stand for.
  public var inputRange: InputRange
  public var crop: Crop
  public var colour: Colour
  /// The input tensor's axis order as the card states it; nil when the card is silent.
  public var inputLayout: InputLayout?
  /// What the output holds as the card states it; nil when the card is silent.
  public var scores: Scores?
  /// How labels, thresholds and the uncertain band decide an outcome.
  public var policy: FindingPolicy
  /// Which frames are rejected before the model sees them.
  public var gate: InputGate = .defaults

  /// The real values that pixel values 0 and 255 stand for, e.g. 0..1 or -1..1.
  public struct InputRange: Equatable, Sendable {
    public var lower: Float
    public var upper: Float

    public init(lower: Float, upper: Float) {
      self.lower = lower
      self.upper = upper
    }
  }

  /// How an image is fitted to the model's input shape.
  public enum Crop: String, Sendable, CaseIterable {
    /// Scale so the shorter side fits, then cut the centre.
    case centerCrop = "center-crop"
    /// Scale so the longer side fits, then pad.
    case letterbox
    /// Scale each side independently.
    case stretch
  }

  /// The model's input colour channels.
  public enum Colour: String, Sendable, CaseIterable {
    case rgb
    case gray

    /// Values per pixel.
    public var channels: Int { self == .gray ? 1 : 3 }
  }

  /// The order of the input tensor's axes.
  public enum InputLayout: String, Sendable, CaseIterable {
    /// [1, height, width, channels].
    case nhwc
    /// [1, channels, height, width].
    case nchw
  }

  /// What the model's output values are, which the thresholds (scores in (0, 1]) are compared with.
  public enum Scores: String, Sendable, CaseIterable {
    /// Class probabilities: used as they are (after dequantization).
    case probabilities
    /// Unnormalized class scores: edgediag applies softmax over the labels (logistic for one label).
    case logits
  }

  /// Reads the card at `path`.
  public static func load(path: String) throws(ConfigError) -> ModelCard {
    try parse(IniFile.load(path: path), path: path)
  }

  /// The card that `entries`, read from the file at `path`, describe.
  public static func parse(_ entries: [IniEntry], path: String) throws(ConfigError) -> ModelCard {
    var fields = CardFields(path: path)
    for entry in entries { try fields.take(entry) }
    return try fields.card()
  }
}

/// The keys of a model card as they are read, before the card is put together.
private struct CardFields {
  let path: String
  var model: [String: IniEntry] = [:]
  var labels: [String: IniEntry] = [:]
  var thresholds: [(entry: IniEntry, value: Float)] = []
  var margin: IniEntry?
  var gate: [String: IniEntry] = [:]

  static let modelKeys = [
    "name", "version", "file", "sha256", "intended_use", "input_range", "crop", "colour", "input_layout",
    "scores",
  ]
  static let labelKeys = ["names", "findings"]
  static var thresholdKind: ValueKind<Float> {
    ValueKind(expected: "a score above 0 and at most 1") { text in
      guard let value = Float(text), value > 0, value <= 1 else { return nil }
      return value
    }
  }
  static var marginKind: ValueKind<Float> { .decimal(0...0.5) }

  init(path: String) { self.path = path }

  mutating func take(_ entry: IniEntry) throws(ConfigError) {
    switch entry.section {
    case "model":
      guard Self.modelKeys.contains(entry.key) else { throw entry.error(.unknownKey(entry.key)) }
      model[entry.key] = entry
    case "labels":
      guard Self.labelKeys.contains(entry.key) else { throw entry.error(.unknownKey(entry.key)) }
      labels[entry.key] = entry
    case "thresholds":
      guard let value = Self.thresholdKind.parse(entry.value) else { throw entry.invalid(Self.thresholdKind.expected) }
      thresholds.removeAll { $0.entry.key == entry.key }
      thresholds.append((entry, value))
    case "policy":
      guard entry.key == "uncertain_margin" else { throw entry.error(.unknownKey(entry.key)) }
      margin = entry
    case "gate":
      guard InputGate.cardKeys.contains(where: { $0.name == entry.key }) else {
        throw entry.error(.unknownKey(entry.key))
      }
      gate[entry.key] = entry
    default:
      throw entry.error(.unknownSection)
    }
  }

  func card() throws(ConfigError) -> ModelCard {
    let names = try value("labels", "names", labels, .commaList)
    let findings = try value("labels", "findings", labels, .commaList)
    if let unknown = findings.first(where: { !names.contains($0) }), let entry = labels["findings"] {
      throw entry.error(.conflict(key: "findings", "'\(unknown)' is not one of the names"))
    }
    for (entry, _) in thresholds where !findings.contains(entry.key) {
      throw entry.error(.conflict(key: entry.key, "not one of the finding labels"))
    }
    for finding in findings where !thresholds.contains(where: { $0.entry.key == finding }) {
      throw missing("thresholds", finding)
    }
    guard let margin else { throw missing("policy", "uncertain_margin") }
    guard let marginValue = Self.marginKind.parse(margin.value) else { throw margin.invalid(Self.marginKind.expected) }
    var byLabel: [String: Float] = [:]
    for (entry, value) in thresholds {
      // The uncertain band [threshold − margin, threshold) would then reach 0: no capture could be negative.
      guard value > marginValue else {
        throw entry.error(
          .conflict(
            key: entry.key,
            "the threshold \(entry.value) is at or below uncertain_margin \(margin.value), so no capture could be negative"
          ))
      }
      byLabel[entry.key] = value
    }
    guard let policy = FindingPolicy(labels: names, thresholds: byLabel, uncertainMargin: marginValue) else {
      throw margin.error(.conflict(key: "uncertain_margin", "the thresholds and margin do not form a policy"))
    }
    let file = try value("model", "file", model, .text)
    return ModelCard(
      name: try value("model", "name", model, .text),
      version: try value("model", "version", model, .text),
      modelPath: file.hasPrefix("/") ? file : directory + "/" + file,
      sha256: try value("model", "sha256", model, .digest),
      intendedUse: model["intended_use"]?.value ?? "",
      inputRange: try value("model", "input_range", model, .inputRange),
      crop: try value("model", "crop", model, .choice(ModelCard.Crop.self)),
      colour: try value("model", "colour", model, .choice(ModelCard.Colour.self)),
      inputLayout: try optionalValue("input_layout", model, .choice(ModelCard.InputLayout.self)),
      scores: try optionalValue("scores", model, .choice(ModelCard.Scores.self)),
      policy: policy, gate: try InputGate.parse(gate))
  }

  /// The folder holding the card.
  private var directory: String {
    let bytes = Array(path.utf8)
    guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    return slash == 0 ? "" : String(decoding: bytes[..<slash], as: UTF8.self)
  }

  private func value<Value>(
    _ section: String, _ key: String, _ entries: [String: IniEntry], _ kind: ValueKind<Value>
  ) throws(ConfigError) -> Value {
    guard let entry = entries[key], !entry.value.isEmpty else { throw missing(section, key) }
    guard let value = kind.parse(entry.value) else { throw entry.invalid(kind.expected) }
    return value
  }

  /// The value of an optional key: nil when absent, an error naming file:line:key when present but not a `kind`.
  private func optionalValue<Value>(
    _ key: String, _ entries: [String: IniEntry], _ kind: ValueKind<Value>
  ) throws(ConfigError) -> Value? {
    guard let entry = entries[key] else { return nil }
    guard let value = kind.parse(entry.value) else { throw entry.invalid(kind.expected) }
    return value
  }

  private func missing(_ section: String, _ key: String) -> ConfigError {
    ConfigError(file: path, line: nil, section: section, problem: .missingKey(key))
  }
}

extension ValueKind where Value == String {
  /// Any non-empty text.
  static var text: ValueKind<String> { ValueKind(expected: "some text") { $0 } }

  /// 64 hex digits, returned in lowercase.
  static var digest: ValueKind<String> {
    ValueKind(expected: "64 hex digits") { Hex.isDigest($0) ? $0.asciiLowercased : nil }
  }
}

extension ValueKind where Value == ModelCard.InputRange {
  /// `lower..upper`, two finite numbers, lower below upper, and `upper − lower` finite too: the pixel factor
  /// (upper − lower) / 255 must be a number.
  static var inputRange: ValueKind<ModelCard.InputRange> {
    ValueKind(expected: "lower..upper, lower below upper and at most 3.4e38 apart, such as 0..1, -1..1 or 0..255") {
      text in
      let bytes = Array(text.utf8)
      guard let dots = bytes.indices.dropLast().first(where: { bytes[$0] == 0x2e && bytes[$0 + 1] == 0x2e }),
        let lower = Float(String(decoding: bytes[..<dots], as: UTF8.self)),
        let upper = Float(String(decoding: bytes[(dots + 2)...], as: UTF8.self)),
        lower.isFinite, upper.isFinite, lower < upper, (upper - lower).isFinite
      else { return nil }
      return ModelCard.InputRange(lower: lower, upper: upper)
    }
  }
}

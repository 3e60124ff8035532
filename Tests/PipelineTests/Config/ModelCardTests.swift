import Foundation
import Pipeline
import TestSupport
import Testing

@Suite struct ModelCardTests {
  static let digest = "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"
  static let card = """
    [model]
    name = demo-lesion
    version = 1.0.0
    file = model.tflite
    sha256 = \(digest)
    intended_use = Research demonstration; not for diagnosis.
    input_range = -1..1
    crop = letterbox
    colour = gray

    [labels]
    names = normal, lesion , artefact
    findings = lesion,artefact

    [thresholds]
    lesion = 0.5
    artefact = 0.9

    [policy]
    uncertain_margin = 0.15
    """

  static func parse(_ text: String) throws(ConfigError) -> ModelCard {
    try ModelCard.parse(IniFile.parse(text, file: "/models/demo/model.conf"), path: "/models/demo/model.conf")
  }

  /// The card with `line` replaced by `replacement` (nil: removed).
  static func message(replacing line: String, with replacement: String?) -> String {
    var lines = card.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let index = lines.firstIndex(of: line) else { return "no line '\(line)'" }
    if let replacement { lines[index] = replacement } else { lines.remove(at: index) }
    do {
      _ = try parse(lines.joined(separator: "\n"))
      return "accepted"
    } catch { return error.description }
  }

  @Test func readsEveryField() throws {
    let card = try Self.parse(Self.card)
    #expect(card.name == "demo-lesion" && card.version == "1.0.0")
    #expect(card.modelPath == "/models/demo/model.tflite")
    #expect(card.sha256 == Self.digest.lowercased())
    #expect(card.intendedUse == "Research demonstration; not for diagnosis.")
    #expect(card.inputRange == .init(lower: -1, upper: 1))
    #expect(card.crop == .letterbox && card.colour == .gray)
    #expect(card.inputLayout == nil)
    #expect(card.policy.labels == ["normal", "lesion", "artefact"])
    #expect(
      card.policy.rules == [
        .init(index: 1, label: "lesion", threshold: 0.5), .init(index: 2, label: "artefact", threshold: 0.9),
      ])
    #expect(card.policy.uncertainMargin == 0.15)
  }

  @Test(arguments: [("nhwc", ModelCard.InputLayout.nhwc), ("nchw", .nchw)])
  func readsTheInputLayout(text: String, layout: ModelCard.InputLayout) throws {
    let card = try Self.parse(
      Self.card.replacingOccurrences(of: "colour = gray", with: "colour = gray\ninput_layout = " + text))
    #expect(card.inputLayout == layout)
  }

  @Test func theModelFileResolvesAgainstTheCardsFolder() throws {
    let relative = try ModelCard.parse(IniFile.parse(Self.card, file: "model.conf"), path: "model.conf")
    #expect(relative.modelPath == "./model.tflite")
    let absolute = try Self.parse(
      Self.card.replacingOccurrences(of: "file = model.tflite", with: "file = /opt/m.tflite"))
    #expect(absolute.modelPath == "/opt/m.tflite")
  }

  @Test func loadsFromAFile() throws {
    let directory = TemporaryDirectory()
    let path = directory.write("demo/model.conf", Self.card)
    #expect(try ModelCard.load(path: path).modelPath == directory.path + "/demo/model.tflite")
  }

  @Test(
    arguments: [
      ("sha256 = \(digest)", nil, "/models/demo/model.conf: [model] missing key 'sha256'"),
      ("crop = letterbox", nil, "/models/demo/model.conf: [model] missing key 'crop'"),
      ("lesion = 0.5", nil, "/models/demo/model.conf: [thresholds] missing key 'lesion'"),
      ("uncertain_margin = 0.15", nil, "/models/demo/model.conf: [policy] missing key 'uncertain_margin'"),
      (
        "sha256 = \(digest)", "sha256 = abc",
        "/models/demo/model.conf:5: [model] sha256 = 'abc': expected 64 hex digits"
      ),
      (
        "input_range = -1..1", "input_range = 1..0",
        "/models/demo/model.conf:7: [model] input_range = '1..0': expected lower..upper, lower below upper and at most 3.4e38 apart, such as 0..1, -1..1 or 0..255"
      ),
      (
        "crop = letterbox", "crop = fill",
        "/models/demo/model.conf:8: [model] crop = 'fill': expected center-crop, letterbox or stretch"
      ),
      ("colour = gray", "color = gray", "/models/demo/model.conf:9: [model] unknown key 'color'"),
      (
        "intended_use = Research demonstration; not for diagnosis.", "input_layout = NCHW",
        "/models/demo/model.conf:6: [model] input_layout = 'NCHW': expected nhwc or nchw"
      ),
      (
        "findings = lesion,artefact", "findings = lesion,tumour",
        "/models/demo/model.conf:13: [labels] findings: 'tumour' is not one of the names"
      ),
      (
        "names = normal, lesion , artefact", "names = normal, lesion, lesion",
        "/models/demo/model.conf:12: [labels] names = 'normal, lesion, lesion': expected a comma-separated list of distinct names"
      ),
      (
        "artefact = 0.9", "normal = 0.9",
        "/models/demo/model.conf:17: [thresholds] normal: not one of the finding labels"
      ),
      (
        "lesion = 0.5", "lesion = 0",
        "/models/demo/model.conf:16: [thresholds] lesion = '0': expected a score above 0 and at most 1"
      ),
      (
        "uncertain_margin = 0.15", "uncertain_margin = 0.7",
        "/models/demo/model.conf:20: [policy] uncertain_margin = '0.7': expected a number from 0.0 to 0.5"
      ),
      ("[policy]", "[review]", "/models/demo/model.conf:20: [review] unknown section"),
      (
        "input_range = -1..1", "input_range = -3e38..3e38",
        "/models/demo/model.conf:7: [model] input_range = '-3e38..3e38': expected lower..upper, lower below upper and at most 3.4e38 apart, such as 0..1, -1..1 or 0..255"
      ),
      (
        "lesion = 0.5", "lesion = 0.05",
        "/models/demo/model.conf:16: [thresholds] lesion: the threshold 0.05 is at or below uncertain_margin 0.15, so no capture could be negative"
      ),
      (
        "artefact = 0.9", "artefact = 0.15",
        "/models/demo/model.conf:17: [thresholds] artefact: the threshold 0.15 is at or below uncertain_margin 0.15, so no capture could be negative"
      ),
    ] as [(String, String?, String)])
  func mistakesAreErrorsWithFileLineAndKey(line: String, replacement: String?, message: String) {
    #expect(Self.message(replacing: line, with: replacement) == message)
  }
}

/// The `[gate]` section: optional, each key defaulting, `off` turning a check off, bad values named.
@Suite struct ModelCardGateTests {
  static func gate(_ settings: String) throws(ConfigError) -> InputGate {
    try ModelCardTests.parse(ModelCardTests.card + "\n[gate]\n" + settings).gate
  }

  static func message(_ settings: String) -> String {
    do {
      _ = try gate(settings)
      return "accepted"
    } catch { return error.description }
  }

  @Test func withoutTheSectionTheDefaultsApply() throws {
    #expect(try ModelCardTests.parse(ModelCardTests.card).gate == .defaults)
    #expect(
      InputGate.defaults
        == InputGate(minimumWidth: 16, minimumHeight: 16, maximumAspectRatio: 10, minimumLumaDeviation: 2))
  }

  @Test func readsEachLimitAndOff() throws {
    let gate = try Self.gate("min_width = 32\nmin_height = off\nmax_aspect_ratio = 4.5\nmin_luma_stddev = 0.5")
    #expect(gate == InputGate(minimumWidth: 32, minimumHeight: nil, maximumAspectRatio: 4.5, minimumLumaDeviation: 0.5))
    #expect(gate.cardDescription == "min_width 32, min_height off, max_aspect_ratio 4.5, min_luma_stddev 0.50")
    #expect(try Self.gate("max_aspect_ratio = off\nmin_luma_stddev = off\nmin_width =").minimumWidth == 16)
    #expect(try Self.gate("max_aspect_ratio = off\nmin_luma_stddev = off").maximumAspectRatio == nil)
  }

  @Test func badValuesAreNamedWithWhatIsExpected() {
    // The card's 20 lines and the section header come first.
    #expect(
      Self.message("min_width = 0")
        == "/models/demo/model.conf:22: [gate] min_width = '0': expected an integer from 1 to 65500, or off")
    #expect(
      Self.message("min_height = -3")
        == "/models/demo/model.conf:22: [gate] min_height = '-3': expected an integer from 1 to 65500, or off")
    #expect(
      Self.message("max_aspect_ratio = 0.5")
        == "/models/demo/model.conf:22: [gate] max_aspect_ratio = '0.5': expected a number from 1.0 to 65500.0, or off")
    #expect(
      Self.message("min_luma_stddev = nan")
        == "/models/demo/model.conf:22: [gate] min_luma_stddev = 'nan': expected a number from 0.0 to 127.5, or off")
    #expect(Self.message("min_luma_stddev = 200").hasSuffix("expected a number from 0.0 to 127.5, or off"))
    #expect(Self.message("max_side = 4") == "/models/demo/model.conf:22: [gate] unknown key 'max_side'")
  }
}

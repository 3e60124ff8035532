import Synthesis

/// The arguments of `edgediag synth --out DIR --count N --seed S [--size WxH] [--sites K] [--prevalence P]
/// [--site-shift hue|dark|blur]`.
extension SynthesisOptions {
  static let usage =
    "edgediag synth --out DIR --count N --seed S [--size WxH] [--sites K] [--prevalence P] [--site-shift hue|dark|blur]"

  /// Parses the arguments that follow `synth`.
  init(arguments: some Collection<String>) throws(UsageError) {
    var output: String?
    var count: Int?
    var seed: UInt64?
    self.init(outputDirectory: "", count: 0, seed: 0)
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      guard let value = rest.popFirst() else { throw UsageError("synth: \(flag) needs a value\nusage: \(Self.usage)") }
      switch flag {
      case "--out": output = value
      case "--count": count = try Self.integer(value, flag, in: 1...10_000_000)
      case "--seed":
        guard let parsed = UInt64(value) else {
          throw UsageError("synth: --seed: '\(value)' is not a whole number ≥ 0")
        }
        seed = parsed
      case "--size":
        let parts = value.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw UsageError("synth: --size: '\(value)' is not WIDTHxHEIGHT, e.g. 256x256") }
        width = try Self.integer(String(parts[0]), flag, in: 16...4096)
        height = try Self.integer(String(parts[1]), flag, in: 16...4096)
      case "--sites": sites = try Self.integer(value, flag, in: 1...1000)
      case "--prevalence":
        guard let parsed = Float(value), parsed >= 0, parsed <= 1 else {
          throw UsageError("synth: --prevalence: '\(value)' is not a number in 0...1")
        }
        prevalence = parsed
      case "--site-shift":
        guard let shift = SiteShift(rawValue: value) else {
          throw UsageError("synth: --site-shift: '\(value)' is not one of hue, dark, blur")
        }
        siteShift = shift
      default: throw UsageError("synth: unknown option '\(flag)'\nusage: \(Self.usage)")
      }
    }
    guard let output, let count, let seed else {
      throw UsageError("synth: --out, --count and --seed are required\nusage: \(Self.usage)")
    }
    outputDirectory = output
    self.count = count
    self.seed = seed
  }

  private static func integer(_ text: String, _ flag: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
    guard let value = Int(text), range.contains(value) else {
      throw UsageError("synth: \(flag): '\(text)' is not a whole number in \(range.lowerBound)...\(range.upperBound)")
    }
    return value
  }
}

/// The arguments of `edgediag synth --out DIR --count N --seed S [--size WxH] [--sites K] [--prevalence P]
/// [--site-shift hue|dark|blur]`.
public struct SynthesisOptions: Sendable, Equatable {
  public var outputDirectory: String
  public var count: Int
  public var seed: UInt64
  public var width = 256
  public var height = 256
  public var sites = 3
  public var prevalence: Float = 0.5
  /// Applied to the last site, which is then named for it (e.g. "site-4-hue").
  public var siteShift: SiteShift?

  public init(outputDirectory: String, count: Int, seed: UInt64) {
    self.outputDirectory = outputDirectory
    self.count = count
    self.seed = seed
  }

  public static let usage =
    "edgediag synth --out DIR --count N --seed S [--size WxH] [--sites K] [--prevalence P] [--site-shift hue|dark|blur]"

  /// Parses the arguments that follow `synth`.
  public init(arguments: some Collection<String>) throws(SynthesisError) {
    var output: String?
    var count: Int?
    var seed: UInt64?
    self.init(outputDirectory: "", count: 0, seed: 0)
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      guard let value = rest.popFirst() else { throw .badArgument("\(flag) needs a value\nusage: \(Self.usage)") }
      switch flag {
      case "--out": output = value
      case "--count": count = try Self.integer(value, flag, in: 1...10_000_000)
      case "--seed":
        guard let parsed = UInt64(value) else { throw .badArgument("--seed: '\(value)' is not a whole number ≥ 0") }
        seed = parsed
      case "--size":
        let parts = value.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .badArgument("--size: '\(value)' is not WIDTHxHEIGHT, e.g. 256x256") }
        width = try Self.integer(String(parts[0]), flag, in: 16...4096)
        height = try Self.integer(String(parts[1]), flag, in: 16...4096)
      case "--sites": sites = try Self.integer(value, flag, in: 1...1000)
      case "--prevalence":
        guard let parsed = Float(value), parsed >= 0, parsed <= 1 else {
          throw .badArgument("--prevalence: '\(value)' is not a number in 0...1")
        }
        prevalence = parsed
      case "--site-shift":
        guard let shift = SiteShift(rawValue: value) else {
          throw .badArgument("--site-shift: '\(value)' is not one of hue, dark, blur")
        }
        siteShift = shift
      default: throw .badArgument("unknown option '\(flag)'\nusage: \(Self.usage)")
      }
    }
    guard let output, let count, let seed else {
      throw .badArgument("--out, --count and --seed are required\nusage: \(Self.usage)")
    }
    outputDirectory = output
    self.count = count
    self.seed = seed
  }

  private static func integer(_ text: String, _ flag: String, in range: ClosedRange<Int>) throws(SynthesisError) -> Int
  {
    guard let value = Int(text), range.contains(value) else {
      throw .badArgument("\(flag): '\(text)' is not a whole number in \(range.lowerBound)...\(range.upperBound)")
    }
    return value
  }
}

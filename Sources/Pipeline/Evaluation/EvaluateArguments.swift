/// The arguments of `edgediag evaluate [--config PATH] --labels DIR/labels.csv [--json] [--html PATH]
/// [--margin M] [--target-sensitivity S] [--target-specificity S]`; captures are the files the labels name,
/// in the labels file's folder.
public struct EvaluateArguments: Sendable {
  public var configPath: String?
  public var labelsPath: String
  public var json = false
  public var htmlPath: String?
  public var options = EvaluationOptions()

  public static let usage =
    "edgediag evaluate [--config PATH] --labels DIR/labels.csv [--json] [--html PATH] [--margin M] "
    + "[--target-sensitivity S] [--target-specificity S]"

  /// Parses the arguments that follow `evaluate`.
  public init(arguments: some Collection<String>) throws(EvaluationError) {
    var labels: String?
    var targets: [OperatingPoint.Target] = []
    var rest = arguments[...]
    while let flag = rest.popFirst() {
      if flag == "--json" {
        json = true
        continue
      }
      guard let value = rest.popFirst() else { throw .badArgument("\(flag) needs a value\nusage: \(Self.usage)") }
      switch flag {
      case "--config": configPath = value
      case "--labels": labels = value
      case "--html": htmlPath = value
      case "--margin": options.margin = try Self.fraction(value, flag)
      case "--target-sensitivity": targets.append(.sensitivity(try Self.fraction(value, flag)))
      case "--target-specificity": targets.append(.specificity(try Self.fraction(value, flag)))
      default: throw .badArgument("unknown option '\(flag)'\nusage: \(Self.usage)")
      }
    }
    guard let labels else { throw .badArgument("--labels is required\nusage: \(Self.usage)") }
    labelsPath = labels
    if !targets.isEmpty { options.targets = targets }
  }

  /// The folder holding the labels file, where the captures it names are.
  public var captureDirectory: String {
    guard let slash = labelsPath.lastIndex(of: "/") else { return "." }
    return slash == labelsPath.startIndex ? "/" : String(labelsPath[..<slash])
  }

  private static func fraction(_ text: String, _ flag: String) throws(EvaluationError) -> Double {
    guard let value = Double(text), value >= 0, value <= 1 else {
      throw .badArgument("\(flag): '\(text)' is not a number in 0...1")
    }
    return value
  }
}

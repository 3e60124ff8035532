/// The arguments of `edgediag evaluate [--config PATH] [--model CARD] DIR [--json] [--report OUT.html]
/// [--by COLUMN]… [--margin M] [--suggest-threshold sensitivity=S|specificity=S]…`. DIR holds `labels.csv` and
/// the captures it names; subgroups are its `site` column plus each `--by` column.
public struct EvaluateArguments: Sendable {
  public var configPath: String?
  /// A model card to evaluate instead of the configuration's.
  public var cardPath: String?
  public var directory: String
  public var json = false
  public var reportPath: String?
  public var subgroupColumns = ["site"]
  public var options = EvaluationOptions()

  public static let usage =
    "edgediag evaluate [--config PATH] [--model CARD] DIR [--json] [--report OUT.html] [--by COLUMN]... "
    + "[--margin M] [--suggest-threshold sensitivity=S|specificity=S]..."

  /// Parses the arguments that follow `evaluate`.
  public init(arguments: some Collection<String>) throws(EvaluationError) {
    var directory: String?
    var targets: [OperatingPoint.Target] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      if argument == "--json" {
        json = true
        continue
      }
      guard argument.hasPrefix("--") else {
        guard directory == nil else { throw .badArgument("one capture folder only\nusage: \(Self.usage)") }
        directory = argument
        continue
      }
      guard let value = rest.popFirst() else { throw .badArgument("\(argument) needs a value\nusage: \(Self.usage)") }
      switch argument {
      case "--config": configPath = value
      case "--model": cardPath = value
      case "--report": reportPath = value
      case "--by": subgroupColumns.append(value)
      case "--margin": options.margin = try Self.fraction(value, argument)
      case "--suggest-threshold": targets.append(try Self.target(value))
      default: throw .badArgument("unknown option '\(argument)'\nusage: \(Self.usage)")
      }
    }
    guard let directory else { throw .badArgument("name the folder holding labels.csv\nusage: \(Self.usage)") }
    self.directory = directory
    if !targets.isEmpty { options.targets = targets }
  }

  /// The labels file: `DIR/labels.csv`.
  public var labelsPath: String { directory + "/labels.csv" }

  private static func target(_ text: String) throws(EvaluationError) -> OperatingPoint.Target {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
      throw .badArgument("--suggest-threshold: '\(text)' is not sensitivity=S or specificity=S")
    }
    let value = try fraction(parts[1], "--suggest-threshold")
    switch parts[0] {
    case "sensitivity": return .sensitivity(value)
    case "specificity": return .specificity(value)
    default: throw .badArgument("--suggest-threshold: '\(parts[0])' is neither sensitivity nor specificity")
    }
  }

  private static func fraction(_ text: String, _ flag: String) throws(EvaluationError) -> Double {
    guard let value = Double(text), value >= 0, value <= 1 else {
      throw .badArgument("\(flag): '\(text)' is not a number in 0...1")
    }
    return value
  }
}

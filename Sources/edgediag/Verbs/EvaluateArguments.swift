import Evaluation

/// The arguments of `edgediag evaluate [--config PATH] [--model CARD] DIR [--json] [--report OUT.html]
/// [--by COLUMN]… [--margin M] [--suggest-threshold sensitivity=S|specificity=S]…`. DIR holds `labels.csv` and
/// the captures it names; subgroups are its `site` column plus each `--by` column.
struct EvaluateArguments: Sendable {
  var configPath: String?
  /// A model card to evaluate instead of the configuration's.
  var cardPath: String?
  var directory: String
  var json = false
  var reportPath: String?
  var subgroupColumns = ["site"]
  var options = EvaluationOptions()

  static let usage =
    "edgediag evaluate [--config PATH] [--model CARD] DIR [--json] [--report OUT.html] [--by COLUMN]... "
    + "[--margin M] [--suggest-threshold sensitivity=S|specificity=S]..."

  /// Parses the arguments that follow `evaluate`.
  init(arguments: some Collection<String>) throws(UsageError) {
    var directory: String?
    var targets: [OperatingPoint.Target] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      if argument == "--json" {
        json = true
        continue
      }
      guard argument.hasPrefix("--") else {
        guard directory == nil else { throw UsageError("evaluate: one capture folder only\nusage: \(Self.usage)") }
        directory = argument
        continue
      }
      guard let value = rest.popFirst() else {
        throw UsageError("evaluate: \(argument) needs a value\nusage: \(Self.usage)")
      }
      switch argument {
      case "--config": configPath = value
      case "--model": cardPath = value
      case "--report": reportPath = value
      case "--by": subgroupColumns.append(value)
      case "--margin": options.margin = try Self.fraction(value, argument)
      case "--suggest-threshold": targets.append(try Self.target(value))
      default: throw UsageError("evaluate: unknown option '\(argument)'\nusage: \(Self.usage)")
      }
    }
    guard let directory else { throw UsageError("evaluate: name the folder holding labels.csv\nusage: \(Self.usage)") }
    self.directory = directory
    if !targets.isEmpty { options.targets = targets }
  }

  /// The labels file: `DIR/labels.csv`.
  var labelsPath: String { directory + "/labels.csv" }

  private static func target(_ text: String) throws(UsageError) -> OperatingPoint.Target {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
      throw UsageError("evaluate: --suggest-threshold: '\(text)' is not sensitivity=S or specificity=S")
    }
    let value = try fraction(parts[1], "--suggest-threshold")
    switch parts[0] {
    case "sensitivity": return .sensitivity(value)
    case "specificity": return .specificity(value)
    default: throw UsageError("evaluate: --suggest-threshold: '\(parts[0])' is neither sensitivity nor specificity")
    }
  }

  private static func fraction(_ text: String, _ flag: String) throws(UsageError) -> Double {
    guard let value = Double(text), value >= 0, value <= 1 else {
      throw UsageError("evaluate: \(flag): '\(text)' is not a number in 0...1")
    }
    return value
  }
}

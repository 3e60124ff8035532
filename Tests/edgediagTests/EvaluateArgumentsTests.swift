import Testing

@testable import edgediag

@Test func parsesEvaluateArguments() throws {
  let arguments = try EvaluateArguments(arguments: [
    "/data/set", "--json", "--report", "/tmp/r.html", "--margin", "0.1", "--model", "/m/model.conf",
    "--suggest-threshold", "sensitivity=0.9", "--by", "stain",
  ])
  #expect(arguments.labelsPath == "/data/set/labels.csv" && arguments.cardPath == "/m/model.conf")
  #expect(arguments.json && arguments.reportPath == "/tmp/r.html" && arguments.configPath == nil)
  #expect(arguments.options.margin == 0.1 && arguments.options.targets == [.sensitivity(0.9)])
  #expect(arguments.subgroupColumns == ["site", "stain"])
}

@Test(arguments: [
  (["--json"], "name the folder holding labels.csv"), (["d", "--report"], "--report needs a value"),
  (["d", "--margin", "2"], "--margin: '2' is not a number in 0...1"),
  (["d", "--frobnicate", "1"], "unknown option '--frobnicate'"),
  (["d", "--suggest-threshold", "ppv=0.9"], "--suggest-threshold: 'ppv' is neither"),
])
func rejectsBadEvaluateArguments(arguments: [String], message: String) {
  #expect {
    _ = try EvaluateArguments(arguments: arguments)
  } throws: { error in
    guard let usage = error as? UsageError else { return false }
    return usage.message.hasPrefix("evaluate: " + message)
  }
}

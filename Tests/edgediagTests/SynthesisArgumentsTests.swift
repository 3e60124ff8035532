import Synthesis
import Testing

@testable import edgediag

@Test func parsesArguments() throws {
  let options = try SynthesisOptions(arguments: [
    "--out", "/tmp/x", "--count", "10", "--seed", "7", "--size", "96x64", "--sites", "4", "--prevalence", "0.3",
    "--site-shift", "hue",
  ])
  var expected = SynthesisOptions(outputDirectory: "/tmp/x", count: 10, seed: 7)
  expected.width = 96
  expected.height = 64
  expected.sites = 4
  expected.prevalence = 0.3
  expected.siteShift = .hue
  #expect(options == expected)
}

@Test(arguments: [
  (["--out", "/tmp/x", "--count", "10"], "--out, --count and --seed are required"),
  (["--out", "/tmp/x", "--count", "0", "--seed", "1"], "--count: '0' is not a whole number in 1...10000000"),
  (["--out", "/tmp/x", "--count", "1", "--seed", "1", "--size", "96"], "--size: '96' is not WIDTHxHEIGHT"),
  (["--out", "/tmp/x", "--count", "1", "--seed", "1", "--prevalence", "2"], "--prevalence: '2' is not a number"),
  (
    ["--out", "/tmp/x", "--count", "1", "--seed", "1", "--site-shift", "pink"],
    "--site-shift: 'pink' is not one of hue, dark"
  ),
  (["--out", "/tmp/x", "--count", "1", "--seed", "-1"], "--seed: '-1' is not a whole number"),
  (["--bogus", "1"], "unknown option '--bogus'"),
  (["--out"], "--out needs a value"),
])
func rejectsBadArguments(arguments: [String], message: String) {
  #expect {
    _ = try SynthesisOptions(arguments: arguments)
  } throws: { error in
    guard let usage = error as? UsageError else { return false }
    return usage.message.hasPrefix("synth: " + message)
  }
}

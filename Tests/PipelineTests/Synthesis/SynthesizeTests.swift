import Foundation
import Imaging
import Testing

@testable import Pipeline

@Test func writesJPEGsAndLabels() throws {
  let directory = NSTemporaryDirectory() + "synth-\(UUID().uuidString)/set"
  defer { try? FileManager.default.removeItem(atPath: directory) }
  var options = SynthesisOptions(outputDirectory: directory, count: 6, seed: 3)
  options.width = 64
  options.height = 48
  let summary = try synthesize(options: options)
  #expect(summary.captures == 6)

  let text = try String(contentsOfFile: directory + "/labels.csv", encoding: .utf8)
  let lines = text.split(separator: "\n")
  #expect(lines.count == 7)
  #expect(lines[0] == Substring(LabelsTable.header))
  let rows = try LabelsTable.parse(text)
  #expect(rows.map(\.file) == (0..<6).map { "synth-00000\($0).jpg" })
  #expect(rows.count { $0.isFinding } == summary.findings)

  let generator = SmearGenerator(
    seed: 3, width: 64, height: 48, sites: SmearGenerator.sites(count: 3, shift: nil), prevalence: 0.5)
  for (index, row) in rows.enumerated() {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + row.file)))
    let decoded = try decodeJPEG(bytes, target: ImageTarget(width: 64, height: 48, color: .rgb, crop: .stretch))
    #expect(decoded.width == 64 && decoded.height == 48)
    let original = generator.capture(index: index)
    #expect(row.site == original.parameters.site && row.isFinding == original.parameters.isFinding)
    // JPEG is lossy: the decoded capture stays close to the rendered one on average.
    let error = zip(decoded.pixels, original.image.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
    #expect(Double(error) / Double(decoded.pixels.count) < 10)
  }
}

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
    guard case .badArgument(let text) = error as? SynthesisError else { return false }
    return text.hasPrefix(message)
  }
}

@Test func reportsAnUnwritableDirectory() {
  let options = SynthesisOptions(outputDirectory: "/proc/version/set", count: 1, seed: 1)
  #expect(throws: SynthesisError.self) { _ = try synthesize(options: options) }
}

@Test func labelsParserNamesTheBadLine() {
  let text = "file,label,site\na.jpg,finding,site-1\nb.jpg,maybe,site-1\n"
  #expect(throws: SynthesisError.badLabels(line: 3, "label 'maybe' is neither finding nor negative")) {
    _ = try LabelsTable.parse(text)
  }
  #expect(throws: SynthesisError.badLabels(line: 2, "2 fields where the header has 3")) {
    _ = try LabelsTable.parse("file,label,site\na.jpg,finding\n")
  }
  #expect(throws: SynthesisError.badLabels(line: 1, "the header lacks one of the columns file, label, site")) {
    _ = try LabelsTable.parse("name,label\n")
  }
}

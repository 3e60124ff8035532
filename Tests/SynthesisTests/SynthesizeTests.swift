import Evaluation
import Foundation
import Imaging
import Testing

@testable import Synthesis

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

@Test func reportsAnUnwritableDirectory() {
  let options = SynthesisOptions(outputDirectory: "/proc/version/set", count: 1, seed: 1)
  #expect(throws: SynthesisError.self) { _ = try synthesize(options: options) }
}

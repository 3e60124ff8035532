import Foundation
import FuzzTargets
import Testing

/// Every fuzz target on its committed corpus (Tests/Fuzz/Corpus/TARGET) and on every reproducer of a defect the
/// fuzzers found (Tests/Fuzz/Regressions/TARGET): an input that traps makes this test crash.
@Suite struct FuzzReplayTests {
  static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

  static func inputs(_ folder: String, _ target: FuzzTarget) -> [URL] {
    let directory = fuzz.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.sorted().map { directory.appendingPathComponent($0) }
  }

  /// A reproducer may be of a timeout (libFuzzer's `-timeout=10`): each must also finish well within that.
  @Test(arguments: FuzzTarget.allCases) func regressions(_ target: FuzzTarget) throws {
    for file in Self.inputs("Regressions", target) {
      let bytes = Array(try Data(contentsOf: file))
      let time = ContinuousClock().measure { target.run(bytes) }
      #expect(time < .seconds(5), "\(file.lastPathComponent) took \(time)")
    }
  }

  @Test(arguments: FuzzTarget.allCases) func corpus(_ target: FuzzTarget) throws {
    let files = Self.inputs("Corpus", target)
    #expect(!files.isEmpty, "no corpus for \(target.rawValue)")
    for file in files { target.run(Array(try Data(contentsOf: file))) }
  }
}

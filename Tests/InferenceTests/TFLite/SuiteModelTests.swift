import Foundation
import Inference
import Testing

/// The generated model suite (models/suite/*.tflite, written by the real TFLite converter): every model must
/// parse. Skipped only while the suite is not in the tree.
@Suite struct SuiteModelTests {
  static let suite = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("models/suite")

  static var models: [URL] {
    let files = (try? FileManager.default.contentsOfDirectory(at: suite, includingPropertiesForKeys: nil)) ?? []
    return files.filter { $0.pathExtension == "tflite" }.sorted { $0.path < $1.path }
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: suite.path)))
  func everySuiteModelParses() throws {
    let models = Self.models
    #expect(!models.isEmpty, "models/suite holds no .tflite files")
    for url in models {
      let bytes = [UInt8](try Data(contentsOf: url))
      do {
        let model = try Model(flatbuffer: bytes)
        #expect(!model.operators.isEmpty, "\(url.lastPathComponent)")
      } catch {
        Issue.record("\(url.lastPathComponent): \(error)")
      }
    }
  }
}

import Foundation

/// The numerical test suite in models/suite: int8 models with their golden inputs and LiteRT reference outputs
/// (`NAME.tflite`, `NAME.input.npy`, `NAME.output.npy`, written by models/suite/generate.py).
public enum ModelSuite {
  /// The models/suite folder (this file is Tests/TestSupport/ModelSuite.swift).
  public static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("models/suite")

  /// The suite's model names, sorted.
  public static let names: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".tflite") }.map { String($0.dropLast(".tflite".count)) }.sorted()
  }()

  /// The bytes of file `name` in the suite folder.
  public static func file(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }
}

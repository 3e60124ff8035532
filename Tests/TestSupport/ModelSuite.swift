import Foundation

/// A folder of models with goldens under models/ (NAME.tflite, NAME.input.npy, NAME.output.npy).
public struct ModelFolder: Sendable {
  public let folder: URL

  /// models/PATH (this file is Tests/TestSupport/ModelSuite.swift).
  public init(_ path: String) {
    folder = Self.repository.appendingPathComponent("models/" + path)
  }

  /// build/PATH: models a script writes on demand, too large to commit.
  public init(generated path: String) {
    folder = Self.repository.appendingPathComponent("build/" + path)
  }

  private static var repository: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The folder's model names, sorted.
  public var names: [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".tflite") }.map { String($0.dropLast(".tflite".count)) }.sorted()
  }

  /// The bytes of file `name` in the folder.
  public func file(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }
}

/// The numerical test suite in models/suite: int8 models with their golden inputs and LiteRT reference outputs
/// (`NAME.tflite`, `NAME.input.npy`, `NAME.output.npy`, written by models/suite/generate.py).
public enum ModelSuite {
  static let models = ModelFolder("suite")
  public static var folder: URL { models.folder }
  /// The suite's model names, sorted.
  public static let names: [String] = models.names

  /// The bytes of file `name` in the suite folder.
  public static func file(_ name: String) throws -> [UInt8] { try models.file(name) }
}

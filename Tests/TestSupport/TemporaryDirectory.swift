import Foundation

/// A fresh directory under the system's temporary directory, removed with everything in it when released.
public final class TemporaryDirectory {
  public let path: String

  public init() {
    path = NSTemporaryDirectory() + "edgediag-tests-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// The path of `name` inside the directory.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Writes `text` to `name` inside the directory (creating folders) and returns the file's path.
  @discardableResult
  public func write(_ name: String, _ text: String) -> String {
    let file = file(name)
    try! FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! text.write(toFile: file, atomically: false, encoding: .utf8)
    return file
  }
}

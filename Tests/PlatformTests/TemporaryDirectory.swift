import Foundation

/// A fresh directory under the system's temporary folder, removed with everything in it on deinit.
final class TemporaryDirectory {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "edgediag-platform-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func file(_ name: String) -> String { path + "/" + name }
}

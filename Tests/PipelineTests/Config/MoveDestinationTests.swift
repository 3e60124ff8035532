import Foundation
import Pipeline
import TestSupport
import Testing

/// D8: an archive or quarantine folder that is the capture folder under another spelling (trailing `/`, `//`,
/// `/./`, `..`, a symbolic link) is refused when the configuration is loaded, as the plain spelling is.
@Suite struct MoveDestinationTests {
  /// Appended to the test's folder, which holds `capture`, `other` and `link` (to `capture`).
  @Test(
    arguments: ["/capture/", "//capture", "/./capture", "/other/../capture", "/link", "/link/"],
    ["archive_directory", "quarantine_directory"])
  func theCaptureFolderInAnotherSpellingIsRefused(spelling: String, key: String) throws {
    let folder = TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder.path + "/capture", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: folder.path + "/other", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: "capture")
    let path = folder.write(
      "edgediag.conf",
      """
      [capture]
      directory = \(folder.path)/capture
      disposition = move
      \(key == "archive_directory" ? "" : "archive_directory = \(folder.path)/archive\n")\(key) = \(folder.path)\(spelling)

      """)
    #expect(throws: ConfigError.self) { try Configuration.load(path: path) }
    do { _ = try Configuration.load(path: path) } catch {
      #expect("\(error)".contains("[capture] \(key): must be outside the watched capture directory"), "\(error)")
    }
  }

  /// In recursive mode a destination inside the watched tree through a symlinked spelling is refused too; a
  /// folder beside it is not.
  @Test func recursiveModeRefusesAFolderInsideTheTreeThroughALink() throws {
    let folder = TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder.path + "/capture", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: "capture")
    let config = { (archive: String) in
      folder.write(
        "edgediag.conf",
        "[capture]\ndirectory = \(folder.path)/capture\nrecursive = yes\ndisposition = move\n"
          + "archive_directory = \(archive)\n")
    }
    #expect(throws: ConfigError.self) { try Configuration.load(path: config(folder.path + "/link/done")) }
    #expect(throws: Never.self) { try Configuration.load(path: config(folder.path + "/capture-done")) }
  }
}

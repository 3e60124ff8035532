import Foundation
import Glibc
import Pipeline
import Platform
import Testing

/// Real inotify on a temporary folder, removed after each test.
final class CaptureWatcherTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgediag-watch-\(UUID().uuidString)")
    .path

  init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  /// Writes `bytes` to `path` with one open and one close, as a camera's software would.
  func write(_ path: String, _ bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xD9]) {
    let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
    precondition(fd >= 0 && Glibc.write(fd, bytes, bytes.count) == bytes.count)
    close(fd)
  }

  /// Reads changes until `count` arrived or a second passed.
  func changes(_ watcher: CaptureWatcher, atLeast count: Int) throws -> [CaptureWatcher.Change] {
    var all: [CaptureWatcher.Change] = []
    for _ in 0..<100 where all.count < count {
      all += try watcher.readChanges()
      if all.count < count { usleep(10_000) }
    }
    return all
  }

  @Test func reportsAFileOnlyOnceItIsClosed() throws {
    let watcher = try CaptureWatcher(root: folder, recursive: false, filter: NameFilter())
    try watcher.arm()
    let fd = open(folder + "/a.jpg", O_CREAT | O_WRONLY, 0o644)
    _ = Glibc.write(fd, [UInt8](repeating: 0xFF, count: 100), 100)
    #expect(try watcher.readChanges().isEmpty, "a file still open for writing is not a capture yet")
    _ = Glibc.write(fd, [UInt8](repeating: 0xD9, count: 100), 100)
    close(fd)
    #expect(try changes(watcher, atLeast: 1) == [.file(FilePath(folder + "/a.jpg"))])
  }

  @Test func reportsRenamedInFilesAndIgnoresTemporaryNames() throws {
    let watcher = try CaptureWatcher(root: folder, recursive: false, filter: NameFilter())
    try watcher.arm()
    write(folder + "/b.jpg.part")
    try FileManager.default.moveItem(atPath: folder + "/b.jpg.part", toPath: folder + "/b.jpg")
    #expect(try changes(watcher, atLeast: 1) == [.file(FilePath(folder + "/b.jpg"))])
  }

  @Test func picksUpNewSubfoldersWhenRecursive() throws {
    let watcher = try CaptureWatcher(root: folder, recursive: true, filter: NameFilter())
    try watcher.arm()
    try FileManager.default.createDirectory(atPath: folder + "/day1", withIntermediateDirectories: false)
    #expect(try changes(watcher, atLeast: 1) == [.folderAdded(FilePath(folder + "/day1"))])
    write(folder + "/day1/c.jpg")
    #expect(try changes(watcher, atLeast: 1) == [.file(FilePath(folder + "/day1/c.jpg"))])
    #expect(try watcher.scan() == [FilePath(folder + "/day1/c.jpg")])
  }

  @Test func reportsTheFolderGoneAndWatchesItAgainWhenItReturns() throws {
    let watcher = try CaptureWatcher(root: folder, recursive: false, filter: NameFilter())
    try watcher.arm()
    try FileManager.default.removeItem(atPath: folder)
    #expect(try changes(watcher, atLeast: 1).contains(.folderGone))
    #expect(!watcher.isArmed)
    #expect(throws: (any Error).self) { try watcher.arm() }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try watcher.arm()
    write(folder + "/d.jpg")
    #expect(try changes(watcher, atLeast: 1) == [.file(FilePath(folder + "/d.jpg"))])
  }

  /// A folder and a file whose names are not UTF-8 (Latin-1) are watched, reported and scanned by their bytes.
  @Test func namesThatAreNotUTF8AreWatchedReportedAndScannedAsTheyAre() throws {
    let watcher = try CaptureWatcher(root: folder, recursive: true, filter: NameFilter())
    try watcher.arm()
    let day = FilePath(folder).appending(FilePath(bytes: Array("M".utf8) + [0xFC] + Array("ller".utf8)))
    try #require(day.withPathCString { mkdir($0, 0o755) } == 0)
    #expect(try changes(watcher, atLeast: 1) == [.folderAdded(day)])
    let file = day.appending(FilePath(bytes: Array("caf".utf8) + [0xE9, 0xFF] + Array(".jpg".utf8)))
    let fd = file.withPathCString { open($0, O_CREAT | O_WRONLY, 0o644) }
    try #require(fd >= 0)
    close(fd)
    #expect(try changes(watcher, atLeast: 1) == [.file(file)])
    #expect(try watcher.scan() == [file])
  }

  @Test func scanFindsCapturesInPathOrder() throws {
    for name in ["z.jpg", "a.jpeg", ".hidden.jpg", "x.part", "notes.txt"] {
      write(folder + "/" + name)
    }
    let watcher = try CaptureWatcher(root: folder, recursive: false, filter: NameFilter())
    #expect(try watcher.scan() == [FilePath(folder + "/a.jpeg"), FilePath(folder + "/z.jpg")])
  }
}

import Foundation
import Platform
import TestSupport
import Testing

@Suite struct FileSystemTests {
  let directory = TemporaryDirectory()

  @Test func atomicWriteReplacesContentAndLeavesNoTemporaryFile() throws {
    let path = directory.file("state.json")
    try writeFileAtomically(atPath: path, bytes: Array("first".utf8))
    try writeFileAtomically(atPath: path, bytes: Array("second".utf8))
    #expect(try readFile(atPath: path) == Array("second".utf8))
    #expect(try listDirectory(atPath: directory.path).map(\.name) == ["state.json"])
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func atomicWriteIntoAMissingDirectoryThrowsENOENT() {
    #expect(throws: Errno.noSuchFileOrDirectory) {
      try writeFileAtomically(atPath: directory.file("missing/state.json"), bytes: [1])
    }
  }

  @Test func readFileEnforcesItsLimit() throws {
    let path = directory.file("capture.jpg")
    let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0) }
    try writeFileAtomically(atPath: path, bytes: bytes)
    #expect(try readFile(atPath: path, limit: 100_000) == bytes)
    #expect(throws: Errno.fileTooLarge) { try readFile(atPath: path, limit: 99_999) }
    #expect(throws: Errno.noSuchFileOrDirectory) { try readFile(atPath: directory.file("absent")) }
  }

  @Test func fileStatusReportsSizeTypeAndIdentity() throws {
    let path = directory.file("a")
    try writeFileAtomically(atPath: path, bytes: [1, 2, 3])
    let status = try fileStatus(atPath: path)
    #expect(status.size == 3)
    #expect(status.isRegular && !status.isDirectory)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect(status.inode == (attributes[.systemFileNumber] as? UInt64))
    let modified = (attributes[.modificationDate] as! Date).timeIntervalSince1970
    #expect(abs(Double(status.modificationTimeNanoseconds) / 1e9 - modified) < 0.001)
    #expect(try fileStatus(atPath: directory.path).isDirectory)

    try FileManager.default.createSymbolicLink(atPath: directory.file("link"), withDestinationPath: path)
    #expect(try fileStatus(atPath: directory.file("link")).isRegular)
    #expect(try fileStatus(atPath: directory.file("link"), followingSymlinks: false).isSymbolicLink)
  }

  @Test func listDirectorySortsAndTypesEntries() throws {
    try writeFileAtomically(atPath: directory.file("b.jpg"), bytes: [])
    try writeFileAtomically(atPath: directory.file("a.jpg"), bytes: [])
    try makeDirectory(atPath: directory.file("sub"))
    try FileManager.default.createSymbolicLink(atPath: directory.file("c-link"), withDestinationPath: "a.jpg")
    let entries = try listDirectory(atPath: directory.path)
    #expect(
      entries == [
        DirectoryEntry(name: "a.jpg", isDirectory: false, isRegular: true),
        DirectoryEntry(name: "b.jpg", isDirectory: false, isRegular: true),
        DirectoryEntry(name: "c-link", isDirectory: false, isRegular: false),
        DirectoryEntry(name: "sub", isDirectory: true, isRegular: false),
      ])
    #expect(throws: Errno.notDirectory) { try listDirectory(atPath: directory.file("a.jpg")) }
  }

  @Test func makeDirectoryRecursiveCreatesParentsAndAcceptsExisting() throws {
    let deep = directory.file("x/y/z")
    #expect(throws: Errno.noSuchFileOrDirectory) { try makeDirectory(atPath: deep) }
    try makeDirectory(atPath: deep, mode: 0o700, recursive: true)
    try makeDirectory(atPath: deep, recursive: true)
    #expect(try fileStatus(atPath: deep).isDirectory)
    #expect(throws: Errno.fileExists) { try makeDirectory(atPath: deep) }
    try writeFileAtomically(atPath: directory.file("plain"), bytes: [])
    #expect(throws: Errno.fileExists) { try makeDirectory(atPath: directory.file("plain"), recursive: true) }
  }

  @Test func renameAndRemove() throws {
    let from = directory.file("from")
    let to = directory.file("to")
    try writeFileAtomically(atPath: from, bytes: [7])
    try rename(atPath: from, to: to)
    #expect(try readFile(atPath: to) == [7])
    #expect(throws: Errno.noSuchFileOrDirectory) { try fileStatus(atPath: from) }
    try removeFile(atPath: to)
    #expect(try listDirectory(atPath: directory.path).isEmpty)
    #expect(throws: Errno.noSuchFileOrDirectory) { try removeFile(atPath: to) }
  }
}

/// readFile never blocks on, nor reads from, a file that is not a regular file: FIFOs (whose open would wait for
/// a writer), devices (/dev/zero never ends), sockets.
@Suite struct ReadFileTypeTests {
  let directory = TemporaryDirectory()

  /// The error `readFile(atPath:)` throws for `path` within 2 s; if it blocks, a writer is connected to free it.
  static func readError(_ path: String, followingSymlinks: Bool = true) -> String? {
    let finished = DispatchSemaphore(value: 0)
    let outcome = LockedBox<String?>(nil)
    Thread {
      do { _ = try readFile(atPath: path, followingSymlinks: followingSymlinks) } catch {
        outcome.value = "\(error)"
      }
      finished.signal()
    }.start()
    if finished.wait(timeout: .now() + 2) == .timedOut {
      let writer = open(path, O_WRONLY | O_NONBLOCK)
      if writer >= 0 { close(writer) }
      finished.wait()
      return "blocked"
    }
    return outcome.value
  }

  @Test func aFIFOIsRefusedWithoutBlocking() throws {
    let fifo = directory.file("fifo.conf")
    try #require(mkfifo(fifo, 0o600) == 0)
    #expect(Self.readError(fifo) == "not a regular file")
  }

  @Test func aDeviceIsRefused() {
    #expect(Self.readError("/dev/zero") == "not a regular file")
    #expect(Self.readError(directory.path) == "Is a directory")
  }

  @Test func aSymbolicLinkIsFollowedOnlyWhenAsked() throws {
    let target = directory.write("target", "bytes")
    let link = directory.file("link")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(try readFile(atPath: link) == Array("bytes".utf8))
    #expect(Self.readError(link, followingSymlinks: false) == Errno(rawValue: ELOOP).description)
  }
}

/// A value shared between a test and the thread it starts.
private final class LockedBox<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  init(_ value: Value) { stored = value }
  var value: Value {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}

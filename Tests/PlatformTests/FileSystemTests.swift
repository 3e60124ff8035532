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

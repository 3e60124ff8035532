import Platform
import TestSupport
import Testing

/// Paths are bytes: a name that is not UTF-8 (Latin-1 `caf\xe9.jpg`, as a camera or a Windows share writes it)
/// reaches the system calls unchanged and is text only when shown.
@Suite struct FilePathTests {
  let directory = TemporaryDirectory()
  static let latin1 = FilePath(bytes: Array("caf".utf8) + [0xE9] + Array(".jpg".utf8))

  @Test func aNameThatIsNotUTF8HasNoTextAndIsShownEscaped() {
    let path = FilePath("/capture").appending(Self.latin1)
    #expect(path.bytes == Array("/capture/caf".utf8) + [0xE9] + Array(".jpg".utf8))
    #expect(path.text == nil)
    #expect(path.displayed == #"/capture/caf\xe9.jpg"#)
    #expect(path.lastComponent == Self.latin1)
    #expect(FilePath("/capture/café.jpg").text == "/capture/café.jpg")
    #expect(FilePath("plain").lastComponent == "plain")
    #expect(FilePath(bytes: [0x61, 0xFF]) < FilePath(bytes: [0x62]))
  }

  @Test func filesWithNamesThatAreNotUTF8AreListedStattedOpenedAndRenamedByTheirBytes() throws {
    let path = FilePath(directory.path).appending(Self.latin1)
    let file = try FileDescriptor.open(atPath: path, .writeOnly, options: .create)
    try file.writeAll([1, 2, 3])
    try file.close()
    let invalid = FilePath(bytes: Array("bad".utf8) + [0xFF, 0xFE] + Array(".jpg".utf8))
    try makeDirectory(atPath: directory.file("sub"))

    #expect(
      try listDirectory(atPath: directory.path) == [
        DirectoryEntry(name: Self.latin1, isDirectory: false, isRegular: true),
        DirectoryEntry(name: "sub", isDirectory: true, isRegular: false),
      ])
    #expect(try fileStatus(atPath: path, followingSymlinks: false).size == 3)
    #expect(try openRegularFile(atPath: path, followingSymlinks: false).status.size == 3)

    let moved = FilePath(directory.file("sub")).appending(invalid)
    try rename(atPath: path, to: moved)
    #expect(try listDirectory(atPath: directory.file("sub")).map(\.name) == [invalid])
    #expect(throws: Errno.noSuchFileOrDirectory) { try fileStatus(atPath: path) }
  }
}

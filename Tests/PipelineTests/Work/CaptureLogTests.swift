import Glibc
import Platform
import Systemd
import TestSupport
import Testing

@testable import Pipeline

/// The journal names a capture as `[journal] capture_names` says, a name only ever escaped for display.
@Test func theJournalNamesCapturesAsConfiguredAndEscaped() {
  let path = FilePath(bytes: Array("/capture/caf".utf8) + [0xE9] + Array("\n.jpg".utf8))
  let job = CaptureJob(id: "93b9c08985061d6a", key: CaptureKey(path: path, size: 1, modifiedNanoseconds: 0, inode: 1))
  let journal = Journal(destination: .standardError)
  #expect(CaptureLog(naming: .id, journal: journal).name(job) == "93b9c08985061d6a")
  #expect(CaptureLog(naming: .basename, journal: journal).name(job) == #"caf\xe9\n.jpg"#)
  #expect(CaptureLog(naming: .path, journal: journal).name(job) == #"/capture/caf\xe9\n.jpg"#)
}

/// A skipped subfolder is named as captures are: by default by its inode, not by its name.
@Test func theJournalNamesSubfoldersAsItNamesCaptures() throws {
  let directory = TemporaryDirectory()
  let folder = FilePath(directory.path).appending(
    FilePath(bytes: Array("Patient M".utf8) + [0xFC] + Array("ller".utf8)))
  try #require(folder.withPathCString { mkdir($0, 0o755) } == 0)
  let inode = try fileStatus(atPath: folder).inode
  let journal = Journal(destination: .standardError)
  #expect(CaptureLog(naming: .id, journal: journal).name(folder: folder) == "inode \(inode)")
  #expect(CaptureLog(naming: .id, journal: journal).name(folder: folder.appending("gone")) == "inode unknown")
  #expect(CaptureLog(naming: .basename, journal: journal).name(folder: folder) == #"Patient M\xfcller"#)
  #expect(CaptureLog(naming: .path, journal: journal).name(folder: folder) == directory.path + #"/Patient M\xfcller"#)
}

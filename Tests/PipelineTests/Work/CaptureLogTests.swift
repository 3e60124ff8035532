import Platform
import Systemd
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

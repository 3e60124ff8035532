import Platform
import Testing

@testable import Pipeline

/// `edgediag outcomes` prints one line per capture, whatever bytes its file name holds.
@Suite struct CaptureRecordRenderingTests {
  static func record(path: FilePath, outcome: OutcomeRecord?) -> CaptureRecord {
    CaptureRecord(
      id: "93b9c08985061d6a", key: CaptureKey(path: path, size: 1, modifiedNanoseconds: 0, inode: 1), attempts: 1,
      claimedAt: 0, outcome: outcome)
  }

  @Test func summaryEscapesControlCharactersInNamesAndReasons() {
    let rejected = OutcomeRecord(outcome: .rejected, reason: "not-a-jpeg: \u{1B}]0;title\u{7}", recordedAt: 0)
    #expect(
      Self.record(path: "/in/new\nline\u{1B}[31m.jpg", outcome: rejected).summary
        == #"1970-01-01T00:00:00Z  93b9c08985061d6a  rejected  not-a-jpeg: \x1b]0;title\x07  /in/new\nline\x1b[31m.jpg"#
    )
    #expect(
      Self.record(path: "/in/tab\t.jpg", outcome: nil).summary == #"(pending)  93b9c08985061d6a  /in/tab\t.jpg"#)
  }

  /// A name that is not UTF-8 is shown escaped; JSON, which has no string for it, also carries its exact bytes.
  @Test func namesThatAreNotUTF8AreEscapedAndTheirBytesGivenInJSON() {
    let path = FilePath(bytes: Array("/in/caf".utf8) + [0xE9] + Array(".jpg".utf8))
    let record = Self.record(path: path, outcome: nil)
    #expect(record.summary == #"(pending)  93b9c08985061d6a  /in/caf\xe9.jpg"#)
    let json = record.json.rendered
    #expect(json.contains(#""file":"/in/caf\\xe9.jpg","file_hex":"2f696e2f636166e92e6a7067""#), "\(json)")
    #expect(!Self.record(path: "/in/café.jpg", outcome: nil).json.rendered.contains("file_hex"))
  }
}

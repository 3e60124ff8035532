import Testing

@testable import Evaluation

@Test func labelsParserNamesTheBadLine() {
  let text = "file,label,site\na.jpg,finding,site-1\nb.jpg,maybe,site-1\n"
  #expect(throws: EvaluationError.badLabels(line: 3, "label 'maybe' is neither finding nor negative")) {
    _ = try LabelsTable.parse(text)
  }
  #expect(throws: EvaluationError.badLabels(line: 2, "2 fields where the header has 3")) {
    _ = try LabelsTable.parse("file,label,site\na.jpg,finding\n")
  }
  #expect(throws: EvaluationError.badLabels(line: 1, "the header lacks one of the columns file, label, site")) {
    _ = try LabelsTable.parse("name,label\n")
  }
}

/// A labels file saved with Windows line ends (CRLF) reads as the same rows as with LF.
@Test func labelsParserReadsCRLFLines() throws {
  let text = "file,label,site\r\na.jpg,finding,site-1\r\nb.jpg,negative,site-2\r\n"
  let rows = try LabelsTable.parse(text)
  #expect(rows.map(\.file) == ["a.jpg", "b.jpg"])
  #expect(rows.map(\.isFinding) == [true, false])
  #expect(rows.map(\.site) == ["site-1", "site-2"])
}

/// `labels.csv`, the truth of a labelled set, one row per capture: a header naming the columns, then one line
/// per capture with at least the columns `file`, `label` (`finding` or `negative`) and `site`, in any order.
/// Values never contain commas or quotes. Lines end in LF or CRLF (a file saved by a spreadsheet on Windows).
public enum LabelsTable {
  /// A labelled capture as the evaluation needs it.
  public struct Row: Sendable, Equatable {
    public var file: String
    public var isFinding: Bool
    public var site: String
    /// Every column of the row by header name, for subgroups beyond `site`.
    public var columns: [String: String] = [:]
  }

  /// Reads the file, label and site columns (found by name in the header, so columns may be added).
  public static func parse(_ text: String) throws(EvaluationError) -> [Row] {
    // "\r\n" is one Character, so splitting on "\n" alone would leave a CRLF file as one line.
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    guard let header = lines.first else { throw .badLabels(line: 1, "the file is empty") }
    let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard let file = columns.firstIndex(of: "file"), let label = columns.firstIndex(of: "label"),
      let site = columns.firstIndex(of: "site")
    else { throw .badLabels(line: 1, "the header lacks one of the columns file, label, site") }
    var rows: [Row] = []
    for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == columns.count else {
        throw .badLabels(line: index + 1, "\(fields.count) fields where the header has \(columns.count)")
      }
      let isFinding: Bool
      switch fields[label] {
      case "finding": isFinding = true
      case "negative": isFinding = false
      default: throw .badLabels(line: index + 1, "label '\(fields[label])' is neither finding nor negative")
      }
      var named: [String: String] = [:]
      for (column, value) in zip(columns, fields) { named[column] = value }
      rows.append(Row(file: fields[file], isFinding: isFinding, site: fields[site], columns: named))
    }
    return rows
  }
}

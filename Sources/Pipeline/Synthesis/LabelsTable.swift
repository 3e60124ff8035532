/// `labels.csv`, the truth and generator parameters of a synthetic set, one row per capture:
/// `file,label,site,stain_hue,stain_saturation,illumination,illumination_gradient,blur,noise,jpeg_quality,
/// parasites,cells`, where label is `finding` or `negative`. Values never contain commas or quotes.
public enum LabelsTable {
  public static let header =
    "file,label,site,stain_hue,stain_saturation,illumination,illumination_gradient,blur,noise,jpeg_quality,parasites,cells"

  /// One CSV line (without the newline).
  public static func line(file: String, _ p: CaptureParameters) -> String {
    let fields = [
      file, p.isFinding ? "finding" : "negative", p.site, fixed(Double(p.stainHue), 2),
      fixed(Double(p.stainSaturation), 3), fixed(Double(p.illumination), 3), fixed(Double(p.illuminationGradient), 3),
      fixed(Double(p.blur), 3), fixed(Double(p.noise), 3), String(p.jpegQuality), String(p.parasites), String(p.cells),
    ]
    var line = ""
    for (index, field) in fields.enumerated() {
      if index > 0 { line += "," }
      line += field
    }
    return line
  }

  /// A labelled capture as the evaluation needs it.
  public struct Row: Sendable, Equatable {
    public var file: String
    public var isFinding: Bool
    public var site: String
    /// Every column of the row by header name, for subgroups beyond `site`.
    public var columns: [String: String] = [:]
  }

  /// Reads the file, label and site columns (found by name in the header, so columns may be added).
  public static func parse(_ text: String) throws(SynthesisError) -> [Row] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasSuffix("\r") ? line.dropLast() : line[...]
    }
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

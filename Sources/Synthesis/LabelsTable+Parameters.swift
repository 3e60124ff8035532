import Evaluation
import Formats

/// The labels of a synthetic set: evaluation's columns, then the generator parameters of each capture:
/// `file,label,site,stain_hue,stain_saturation,illumination,illumination_gradient,blur,noise,jpeg_quality,
/// parasites,cells`.
extension LabelsTable {
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
}

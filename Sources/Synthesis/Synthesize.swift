import Evaluation
import Imaging
import Platform

/// What `synthesize` wrote.
public struct SynthesisSummary: Sendable, Equatable {
  public var captures: Int
  public var findings: Int
}

/// `edgediag synth`: renders `options.count` captures into `options.outputDirectory` (created if missing) as
/// `synth-000000.jpg`… at each capture's JPEG quality, and writes `labels.csv` beside them.
public func synthesize(options: SynthesisOptions) throws(SynthesisError) -> SynthesisSummary {
  let directory = options.outputDirectory
  do {
    try makeDirectory(atPath: directory, recursive: true)
  } catch {
    throw .writeFailed(path: directory, error)
  }
  let generator = SmearGenerator(
    seed: options.seed, width: options.width, height: options.height,
    sites: SmearGenerator.sites(count: options.sites, shift: options.siteShift), prevalence: options.prevalence)
  var table = LabelsTable.header + "\n"
  var findings = 0
  for index in 0..<options.count {
    let capture = generator.capture(index: index)
    let name = "synth-" + zeroPadded(index, 6) + ".jpg"
    let bytes: [UInt8]
    do {
      bytes = try encodeJPEG(capture.image, quality: capture.parameters.jpegQuality)
    } catch {
      throw .encodeFailed(error)
    }
    try write(bytes, to: directory + "/" + name)
    table += LabelsTable.line(file: name, capture.parameters) + "\n"
    if capture.parameters.isFinding { findings += 1 }
  }
  try write(Array(table.utf8), to: directory + "/labels.csv")
  return SynthesisSummary(captures: options.count, findings: findings)
}

/// A plain write: synthetic sets are reproducible from their seed, so they skip `writeFileAtomically`'s fsyncs.
private func write(_ bytes: [UInt8], to path: String) throws(SynthesisError) {
  do {
    let file = try FileDescriptor.open(atPath: path, .writeOnly, options: [.create, .truncate], mode: 0o644)
    try file.writeAll(bytes)
    try file.close()
  } catch {
    throw .writeFailed(path: path, error)
  }
}

private func zeroPadded(_ value: Int, _ width: Int) -> String {
  let digits = String(value)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

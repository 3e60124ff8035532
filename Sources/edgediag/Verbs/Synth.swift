import Synthesis

/// `edgediag synth --out DIR --count N --seed S [--size WxH] [--sites K] [--prevalence P] [--site-shift NAME]`:
/// synthetic captures and their labels.csv.
func synth(_ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  let options = try SynthesisOptions(arguments: try arguments.remaining())
  do {
    let summary = try synthesize(options: options)
    print("edgediag synth: wrote \(summary.captures) captures (\(summary.findings) with findings) and labels.csv")
    return 0
  } catch {
    printError("edgediag synth: \(error.description)")
    return 1
  }
}

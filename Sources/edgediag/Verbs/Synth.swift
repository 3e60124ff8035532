import CPlatform
import Pipeline

/// `edgediag synth …`: synthetic captures and their labels.csv.
func runSynth(_ arguments: some Collection<String>) -> Int32 {
  do {
    let summary = try synthesize(options: SynthesisOptions(arguments: arguments))
    print("edgediag synth: wrote \(summary.captures) captures (\(summary.findings) with findings) and labels.csv")
    return 0
  } catch {
    print("edgediag synth: \(error.description)")
    if case .badArgument = error { return 2 }
    return 1
  }
}

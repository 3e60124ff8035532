/// The inputs edgediag parses, each as a fuzz target: a function of arbitrary bytes that must return (refusing
/// bad input with an error) and never trap, and that traps itself when a round trip or invariant breaks.
/// `tools/fuzz` links these into a libFuzzer binary; `FuzzTests` replays the committed corpus and every
/// reproducer under Tests/Fuzz/Regressions/ through the same functions.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// A TFLite file: read, prepared, and run once when it is small enough to run quickly.
  case tflite
  /// A capture: header and EXIF, decode under the daemon's default limits, preprocessing to a model's input.
  case jpeg
  /// The INI config with its drop-ins, and a model card, from one input (see `ConfigTarget`).
  case config
  /// A NumPy `.npy` file: read, written back, read again.
  case numpy
  /// A finding built from the input, rendered in both payload formats and parsed back as JSON.
  case finding

  /// Runs the target on one input.
  public func run(_ bytes: [UInt8]) {
    switch self {
    case .tflite: TFLiteTarget.run(bytes)
    case .jpeg: JPEGTarget.run(bytes)
    case .config: ConfigTarget.run(bytes)
    case .numpy: NumPyTarget.run(bytes)
    case .finding: FindingTarget.run(bytes)
    }
  }
}

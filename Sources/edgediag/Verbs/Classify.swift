import Formats
import Imaging
import Inference
import Pipeline
import Platform

/// `edgediag classify [--config PATH] [--json] [--save-tensors DIR] FILE…`: decode, infer and apply the finding
/// policy to each file, as the daemon would, and print the outcome. Records nothing. `--save-tensors` writes
/// each file's model input and raw output as DIR/NAME.input.npy and DIR/NAME.output.npy.
func classify(_ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  let path = try arguments.option("--config") ?? defaultConfigPath
  let json = arguments.flag("--json")
  let tensorFolder = try arguments.option("--save-tensors")
  let files = try arguments.paths()
  guard !files.isEmpty else { throw UsageError("classify: name at least one file") }
  let configuration: Configuration
  do { configuration = try Configuration.load(path: path) } catch {
    printError("\(error)")
    return 1
  }
  let classifier: Classifier
  do {
    classifier = try Classifier(
      try LoadedModel(cardPath: configuration.model.card),
      limits: configuration.capture.decodeLimits, threads: configuration.model.threads)
  } catch {
    printError("\(error)")
    return 1
  }
  classifier.recordsTensors = tensorFolder != nil
  var results: [JSON] = []
  for file in files {
    let classification: Classification
    do {
      classification = classifier.classify(try readFile(atPath: file, limit: configuration.capture.maxFileBytes))
    } catch {
      classification = .unreadable(error, maxFileBytes: configuration.capture.maxFileBytes)
    }
    if let tensorFolder, classification.inferenceMicroseconds != nil, let tensors = classifier.lastTensors() {
      // A file name that is not text is written as it is shown (escaped).
      let name = tensorFolder + "/" + (file.lastComponent.text ?? file.lastComponent.displayed)
      do {
        try writeFileAtomically(atPath: name + ".input.npy", bytes: tensors.input.npy, mode: 0o644)
        try writeFileAtomically(atPath: name + ".output.npy", bytes: tensors.output.npy, mode: 0o644)
      } catch {
        printError("\(tensorFolder): cannot write tensors: \(error)")
        return 1
      }
    }
    if json {
      results.append(classification.json(file: file.displayed, labels: classifier.loaded.labels))
    } else {
      print("\(file.displayed): \(classification.summary)")
    }
  }
  if json { print(JSON.array(results).rendered) }
  return 0
}

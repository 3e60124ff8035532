import Imaging
import Pipeline

/// `edgediag check-config [--config PATH]`: validates the configuration and the model card (and model) it
/// names without starting anything. Errors name file, line and key.
func checkConfig(_ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  let path = try arguments.option("--config") ?? defaultConfigPath
  try arguments.finish()
  let configuration: Configuration
  do { configuration = try Configuration.load(path: path) } catch {
    printError("\(error)")
    return 1
  }
  let loaded: LoadedModel
  do { loaded = try LoadedModel(cardPath: configuration.model.card) } catch {
    printError("\(error)")
    return 1
  }
  let card = loaded.card
  print("configuration: \(path) ok")
  print(
    "capture folder: \(configuration.capture.directory)\(configuration.capture.recursive ? " (and subfolders)" : "")")
  print("state: \(configuration.databasePath)")
  print("forwarding: \(configuration.forward.url.map { "\($0) (\(configuration.forward.format.rawValue))" } ?? "off")")
  print("model: \(card.name) \(card.version), \(loaded.modelPath), sha256 \(loaded.identity.sha256) ok")
  let layout = loaded.inputLayout == .nchw ? "nchw" : "nhwc"
  print("input: \(loaded.inputWidth)x\(loaded.inputHeight) \(card.colour.rawValue), \(card.crop.rawValue), \(layout)")
  print("labels: \(loaded.labels.joined(separator: ", ")); findings: \(loaded.findingLabels.joined(separator: ", "))")
  print("input gate: \(card.gate.cardDescription)")
  if !card.intendedUse.isEmpty { print("intended use: \(card.intendedUse)") }
  return 0
}

import Imaging

/// The configuration and the model it names, loaded and checked together, with the values derived from them
/// computed once: a reload swaps all of it or none. Workers read the current one through a `Locked` that the
/// main loop replaces on reload.
struct LoadedConfiguration: Sendable {
  let configuration: Configuration
  let model: LoadedModel
  /// Bumped by each successful reload, so workers know to rebuild their interpreters.
  let generation: Int
  /// How findings name this device.
  let deviceID: String
  let databasePath: String
  let decodeLimits: DecodeLimits

  init(configuration: Configuration, model: LoadedModel, generation: Int, deviceID: String) {
    self.configuration = configuration
    self.model = model
    self.generation = generation
    self.deviceID = deviceID
    databasePath = configuration.databasePath
    decodeLimits = configuration.capture.decodeLimits
  }
}

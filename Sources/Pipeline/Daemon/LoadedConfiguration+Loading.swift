extension LoadedConfiguration {
  /// Reads the configuration at `configPath` and loads the model its card names.
  static func load(configPath: String, generation: Int = 0) throws(DaemonError) -> LoadedConfiguration {
    let configuration: Configuration
    do { configuration = try Configuration.load(path: configPath) } catch { throw .configuration(error) }
    let model: LoadedModel
    do { model = try LoadedModel(cardPath: configuration.model.card) } catch { throw .model(error) }
    return LoadedConfiguration(
      configuration: configuration, model: model, generation: generation,
      deviceID: Pipeline.deviceID(configured: configuration.forward.deviceID))
  }
}

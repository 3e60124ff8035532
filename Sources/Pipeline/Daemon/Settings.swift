import Platform
import Synchronization

/// The configuration and the model it names, loaded and checked together: a reload swaps both or neither.
struct Settings: Sendable {
  let configuration: Configuration
  let model: LoadedModel
  /// Bumped by each successful reload, so workers know to rebuild their interpreters.
  let generation: Int
  /// How findings name this device.
  let deviceID: String

  static func load(configPath: String, generation: Int = 0) throws(DaemonError) -> Settings {
    let configuration: Configuration
    do { configuration = try Configuration.load(path: configPath) } catch { throw .configuration(error) }
    let model: LoadedModel
    do { model = try LoadedModel(cardPath: configuration.model.card) } catch { throw .model(error) }
    return Settings(
      configuration: configuration, model: model, generation: generation,
      deviceID: Pipeline.deviceID(configured: configuration.forward.deviceID))
  }
}

/// What the main loop shares with the workers: the current settings (replaced on reload) and the counters and
/// flags behind `STATUS=` and the watchdog verdict.
final class SharedSettings: Sendable {
  final class Counters: Sendable {
    let done = Atomic<Int>(0)
    let findings = Atomic<Int>(0)
  }

  private let current: Platform.Mutex<Settings>
  let counters = Counters()
  /// Cleared when a ledger write fails; the watchdog withholds its ping until the ledger works again.
  let ledgerHealthy = Atomic<Bool>(true)

  init(_ settings: Settings) { current = Mutex(settings) }

  var settings: Settings { current.withLock { $0 } }

  func replace(_ settings: Settings) { current.withLock { $0 = settings } }
}

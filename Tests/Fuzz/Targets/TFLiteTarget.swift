import Inference

/// A model that reads must prepare and run, or be refused with a `ModelError`: never trap.
enum TFLiteTarget {
  /// Prepare's memory limit here: far below the daemon's default so that each input runs in milliseconds.
  /// The limit itself is what is exercised; its value only bounds the time per input.
  static let memoryLimit = 16 << 20
  /// Models costing more multiply-accumulates, or with more activation bytes (which element-wise operators
  /// visit without counting MACs: a 16 MiB LOG_SOFTMAX took 13 s under the sanitizers), are prepared but not
  /// run, to keep each input fast.
  static let maximumMACs = 20_000_000
  static let maximumArenaBytes = 2 << 20

  static func run(_ bytes: [UInt8]) {
    guard let model = try? Model(flatbuffer: bytes) else { return }
    let interpreter: Interpreter
    do { interpreter = try Interpreter(model: model, memoryLimit: memoryLimit) } catch {
      _ = error.description  // every refusal renders its message
      return
    }
    guard interpreter.macs <= maximumMACs, interpreter.arenaBytes <= maximumArenaBytes else { return }
    for index in interpreter.inputs.indices {
      interpreter.withInputBytes(index) { input in
        for offset in input.indices { input[offset] = UInt8(truncatingIfNeeded: offset &* 131 &+ index) }
      }
    }
    interpreter.invoke()
    for index in interpreter.outputs.indices {
      _ = interpreter.withOutputBytes(index) { output in output.reduce(0) { $0 &+ Int($1) } }
    }
  }
}

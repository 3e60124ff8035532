import Inference
import Platform

/// Why a model card and its model cannot be used. Each names the file at fault.
public enum ClassifierError: Error, CustomStringConvertible {
  case card(ConfigError)
  case unreadable(path: String, Errno)
  case hashMismatch(path: String, expected: String, actual: String)
  case model(path: String, ModelError)
  /// The model's inputs or outputs do not fit the card (shape, type, label count).
  case incompatible(path: String, reason: String)
  /// The interpreter's intra-op threads (`[model] threads`) could not be started.
  case threads(Errno)

  public var description: String {
    switch self {
    case .card(let error): "\(error)"
    case .unreadable(let path, let error): "\(path): cannot read: \(error)"
    case .hashMismatch(let path, let expected, let actual):
      "\(path): SHA-256 is \(actual), but the model card says \(expected): wrong or damaged model file"
    case .model(let path, let error): "\(path): \(error)"
    case .incompatible(let path, let reason): "\(path): \(reason)"
    case .threads(let error): "cannot start the model's threads: \(error)"
    }
  }
}

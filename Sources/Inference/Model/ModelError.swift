/// Everything that can be wrong with a model, found at load time. Each case names the thing at fault so the
/// message points at it: tensor 17 "conv2d_3/weights", operator 4 (CONV_2D v3).
public enum ModelError: Error, Equatable, Sendable {
  /// The bytes are not a TFLite flatbuffer (too short, wrong identifier, bad root offset).
  case notAFlatbuffer(reason: String)
  /// An offset or vector in the flatbuffer reaches outside the file.
  case outOfBounds(what: String)
  /// A structural rule of the schema is broken (missing subgraph, index out of range, …).
  case malformed(what: String)
  /// A tensor's declared shape or type disagrees with its data, or is unusable.
  case invalidTensor(index: Int, name: String, reason: String)
  /// A tensor's quantization parameters are missing or insane.
  case invalidQuantization(index: Int, name: String, reason: String)
  /// Operators this engine does not implement, at these versions: every one the model uses, so that one load
  /// tells all that is missing.
  case unsupportedOperators([UnsupportedOperator])
  /// A supported operator with options, types or shapes this engine does not implement or that are invalid.
  case invalidOperator(index: Int, name: String, reason: String)
  /// The model's activations, kernel scratch and constants need more memory than the interpreter's limit.
  case exceedsMemoryLimit(bytes: Int, limit: Int)
}

extension ModelError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .notAFlatbuffer(let reason): "not a TFLite model: \(reason)"
    case .outOfBounds(let what): "malformed model: \(what) lies outside the file"
    case .malformed(let what): "malformed model: \(what)"
    case .invalidTensor(let index, let name, let reason): "tensor \(index) \"\(name)\": \(reason)"
    case .invalidQuantization(let index, let name, let reason):
      "tensor \(index) \"\(name)\": bad quantization: \(reason)"
    case .unsupportedOperators(let operators):
      if operators.count == 1, operators[0].count == 1 {
        "operator \(operators[0].firstIndex): \(operators[0].name) version \(operators[0].version) is not supported"
      } else {
        "unsupported operators: " + operators.map { $0.description }.joined(separator: "; ")
      }
    case .invalidOperator(let index, let name, let reason): "operator \(index) (\(name)): \(reason)"
    case .exceedsMemoryLimit(let bytes, let limit):
      "the model needs \(bytes) bytes of activations, scratch and constants, over the limit of \(limit) bytes"
    }
  }
}

/// An operator (at one version) that the model uses and this engine does not implement.
public struct UnsupportedOperator: Equatable, Sendable, CustomStringConvertible {
  /// The schema's name, `CUSTOM "name"` or `builtin operator N`.
  public var name: String
  public var version: Int
  /// How many of the model's operators are this one, and the first one's index.
  public var count: Int
  public var firstIndex: Int

  public init(name: String, version: Int, count: Int = 1, firstIndex: Int) {
    self.name = name
    self.version = version
    self.count = count
    self.firstIndex = firstIndex
  }

  /// `GELU v1 ×4 (first: operator 12)`.
  public var description: String {
    "\(name) v\(version) ×\(count) (first: operator \(firstIndex))"
  }
}

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
  /// An operator this engine does not implement, at this version.
  case unsupportedOperator(index: Int, name: String, version: Int)
  /// A supported operator with options, types or shapes this engine does not implement or that are invalid.
  case invalidOperator(index: Int, name: String, reason: String)
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
    case .unsupportedOperator(let index, let name, let version):
      "operator \(index): \(name) version \(version) is not supported"
    case .invalidOperator(let index, let name, let reason): "operator \(index) (\(name)): \(reason)"
    }
  }
}

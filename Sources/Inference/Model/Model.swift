/// A validated TFLite model: the first subgraph's tensors and operators in execution order, with constant
/// data referenced inside `bytes` (the flatbuffer, kept whole so weights are never copied twice).
public struct Model: Sendable {
  public var bytes: [UInt8]
  public var tensors: [Tensor]
  public var operators: [Operator]
  public var inputs: [Int]
  public var outputs: [Int]
  /// The model's description string, if any.
  public var description: String

  public init(
    bytes: [UInt8], tensors: [Tensor], operators: [Operator], inputs: [Int], outputs: [Int],
    description: String = ""
  ) {
    self.bytes = bytes
    self.tensors = tensors
    self.operators = operators
    self.inputs = inputs
    self.outputs = outputs
    self.description = description
  }
}

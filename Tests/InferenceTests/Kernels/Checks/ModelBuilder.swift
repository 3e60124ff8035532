@testable import Inference

/// Builds one-operator models in memory: constant tensors' bytes are appended to `bytes`.
struct ModelBuilder {
  var bytes: [UInt8] = []
  var tensors: [Tensor] = []

  mutating func activation(_ shape: [Int], scale: Float, zeroPoint: Int32, type: ElementType = .int8) -> Int {
    tensors.append(
      Tensor(
        name: "t\(tensors.count)", type: type, shape: shape,
        quantization: Quantization(scales: [scale], zeroPoints: [zeroPoint])))
    return tensors.count - 1
  }

  mutating func int8Constant(_ values: [Int8], shape: [Int], scales: [Float], dimension: Int = 0) -> Int {
    let start = bytes.count
    bytes += values.map { UInt8(bitPattern: $0) }
    tensors.append(
      Tensor(
        name: "w\(tensors.count)", type: .int8, shape: shape,
        quantization: Quantization(
          scales: scales, zeroPoints: [Int32](repeating: 0, count: scales.count), dimension: dimension),
        data: start..<bytes.count))
    return tensors.count - 1
  }

  mutating func floatTensor(_ shape: [Int]) -> Int {
    tensors.append(Tensor(name: "f\(tensors.count)", type: .float32, shape: shape))
    return tensors.count - 1
  }

  mutating func floatConstant(_ values: [Float], shape: [Int]) -> Int {
    let start = bytes.count
    for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
    tensors.append(Tensor(name: "c\(tensors.count)", type: .float32, shape: shape, data: start..<bytes.count))
    return tensors.count - 1
  }

  mutating func int32Constant(_ values: [Int32], shape: [Int]) -> Int {
    let start = bytes.count
    for v in values { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    tensors.append(Tensor(name: "c\(tensors.count)", type: .int32, shape: shape, data: start..<bytes.count))
    return tensors.count - 1
  }

  func model(_ kind: BuiltinOperator, inputs: [Int], output: Int, options: OperatorOptions) -> Model {
    Model(
      bytes: bytes, tensors: tensors,
      operators: [Operator(kind: kind, version: 1, inputs: inputs, outputs: [output], options: options)],
      inputs: [inputs[0]], outputs: [output])
  }
}

extension Interpreter {
  /// Runs on int8 input bytes and returns the int8 output.
  func run(_ input: [Int8]) -> [Int8] {
    withInputBytes(0) { buffer in input.withUnsafeBytes { buffer.copyMemory(from: $0) } }
    invoke()
    return withOutputBytes(0) { $0.map { Int8(bitPattern: $0) } }
  }
}

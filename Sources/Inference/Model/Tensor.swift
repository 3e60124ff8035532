/// Element types of TFLite tensors (values of `TensorType` in schema.fbs).
public enum ElementType: Int8, Sendable {
  case float32 = 0
  case float16 = 1
  case int32 = 2
  case uint8 = 3
  case int64 = 4
  case string = 5
  case bool = 6
  case int16 = 7
  case complex64 = 8
  case int8 = 9
  case float64 = 10

  /// Bytes per element; `nil` for variable-size types (string).
  public var byteWidth: Int? {
    switch self {
    case .bool, .int8, .uint8: 1
    case .float16, .int16: 2
    case .float32, .int32: 4
    case .int64, .float64, .complex64: 8
    case .string: nil
    }
  }
}

/// Affine quantization: `real = scale * (q - zeroPoint)`, per tensor (one scale) or per channel along
/// `dimension` (one scale per channel).
public struct Quantization: Sendable, Equatable {
  public var scales: [Float]
  public var zeroPoints: [Int32]
  public var dimension: Int

  public init(scales: [Float], zeroPoints: [Int32], dimension: Int = 0) {
    self.scales = scales
    self.zeroPoints = zeroPoints
    self.dimension = dimension
  }

  /// True when one scale and zero point cover the whole tensor.
  public var isPerTensor: Bool { scales.count == 1 }
}

/// A tensor of the model's graph. Constant tensors (weights, biases, shapes) carry their bytes as a range of
/// `Model.bytes`; activations have `data == nil` and live in the arena at run time.
public struct Tensor: Sendable {
  public var name: String
  public var type: ElementType
  public var shape: [Int]
  public var quantization: Quantization?
  /// Byte range of the constant data inside `Model.bytes`, or `nil` for activations.
  public var data: Range<Int>?

  public init(
    name: String, type: ElementType, shape: [Int], quantization: Quantization? = nil, data: Range<Int>? = nil
  ) {
    self.name = name
    self.type = type
    self.shape = shape
    self.quantization = quantization
    self.data = data
  }

  /// Number of elements (1 for a scalar).
  public var elementCount: Int { shape.reduce(1, &*) }
  /// Size in bytes, for fixed-width types.
  public var byteCount: Int { elementCount &* (type.byteWidth ?? 0) }
}

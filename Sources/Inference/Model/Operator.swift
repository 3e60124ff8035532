/// The builtin operators edgediag knows by name (values of `BuiltinOperator` in schema.fbs). Codes outside
/// this list are kept as `.other(code)` so that errors can name them.
public enum BuiltinOperator: Sendable, Equatable {
  case add, averagePool2D, concatenation, conv2D, depthwiseConv2D, dequantize, fullyConnected
  case logistic, maxPool2D, mul, reshape, softmax, pad, sub, squeeze, mean, quantize, hardSwish
  case shape, stridedSlice, pack, gather, reduceProd
  case other(Int32)

  public init(code: Int32) {
    switch code {
    case 0: self = .add
    case 1: self = .averagePool2D
    case 2: self = .concatenation
    case 3: self = .conv2D
    case 4: self = .depthwiseConv2D
    case 6: self = .dequantize
    case 9: self = .fullyConnected
    case 14: self = .logistic
    case 17: self = .maxPool2D
    case 18: self = .mul
    case 22: self = .reshape
    case 25: self = .softmax
    case 34: self = .pad
    case 40: self = .mean
    case 41: self = .sub
    case 43: self = .squeeze
    case 114: self = .quantize
    case 117: self = .hardSwish
    case 77: self = .shape
    case 45: self = .stridedSlice
    case 83: self = .pack
    case 36: self = .gather
    case 81: self = .reduceProd
    default: self = .other(code)
    }
  }

  /// The schema's name, e.g. `CONV_2D`.
  public var name: String {
    switch self {
    case .add: "ADD"
    case .averagePool2D: "AVERAGE_POOL_2D"
    case .concatenation: "CONCATENATION"
    case .conv2D: "CONV_2D"
    case .depthwiseConv2D: "DEPTHWISE_CONV_2D"
    case .dequantize: "DEQUANTIZE"
    case .fullyConnected: "FULLY_CONNECTED"
    case .logistic: "LOGISTIC"
    case .maxPool2D: "MAX_POOL_2D"
    case .mul: "MUL"
    case .reshape: "RESHAPE"
    case .softmax: "SOFTMAX"
    case .pad: "PAD"
    case .sub: "SUB"
    case .squeeze: "SQUEEZE"
    case .mean: "MEAN"
    case .quantize: "QUANTIZE"
    case .hardSwish: "HARD_SWISH"
    case .shape: "SHAPE"
    case .stridedSlice: "STRIDED_SLICE"
    case .pack: "PACK"
    case .gather: "GATHER"
    case .reduceProd: "REDUCE_PROD"
    case .other(let code): "builtin operator \(code)"
    }
  }
}

/// Fused activation applied to an op's output (`ActivationFunctionType` in schema.fbs).
public enum FusedActivation: Int8, Sendable {
  case none = 0
  case relu = 1
  case reluN1To1 = 2
  case relu6 = 3
  case tanh = 4
  case signBit = 5
}

/// `Padding` in schema.fbs.
public enum Padding: Int8, Sendable {
  case same = 0
  case valid = 1
}

public struct Conv2DOptions: Sendable, Equatable {
  public var padding: Padding
  public var strideWidth, strideHeight: Int
  public var dilationWidth, dilationHeight: Int
  public var activation: FusedActivation
  public init(
    padding: Padding, strideWidth: Int, strideHeight: Int, dilationWidth: Int = 1,
    dilationHeight: Int = 1, activation: FusedActivation
  ) {
    self.padding = padding
    self.strideWidth = strideWidth
    self.strideHeight = strideHeight
    self.dilationWidth = dilationWidth
    self.dilationHeight = dilationHeight
    self.activation = activation
  }
}

public struct DepthwiseConv2DOptions: Sendable, Equatable {
  public var padding: Padding
  public var strideWidth, strideHeight: Int
  public var depthMultiplier: Int
  public var dilationWidth, dilationHeight: Int
  public var activation: FusedActivation
  public init(
    padding: Padding, strideWidth: Int, strideHeight: Int, depthMultiplier: Int,
    dilationWidth: Int = 1, dilationHeight: Int = 1, activation: FusedActivation
  ) {
    self.padding = padding
    self.strideWidth = strideWidth
    self.strideHeight = strideHeight
    self.depthMultiplier = depthMultiplier
    self.dilationWidth = dilationWidth
    self.dilationHeight = dilationHeight
    self.activation = activation
  }
}

public struct Pool2DOptions: Sendable, Equatable {
  public var padding: Padding
  public var strideWidth, strideHeight: Int
  public var filterWidth, filterHeight: Int
  public var activation: FusedActivation
  public init(
    padding: Padding, strideWidth: Int, strideHeight: Int, filterWidth: Int, filterHeight: Int,
    activation: FusedActivation
  ) {
    self.padding = padding
    self.strideWidth = strideWidth
    self.strideHeight = strideHeight
    self.filterWidth = filterWidth
    self.filterHeight = filterHeight
    self.activation = activation
  }
}

public struct FullyConnectedOptions: Sendable, Equatable {
  public var activation: FusedActivation
  /// Keep the input's leading dimensions in the output instead of flattening them.
  public var keepNumDims: Bool
  public init(activation: FusedActivation, keepNumDims: Bool = false) {
    self.activation = activation
    self.keepNumDims = keepNumDims
  }
}

/// STRIDED_SLICE's masks: bit `i` of a mask concerns dimension `i`. With `offset`, `end` counts from `begin`.
public struct StridedSliceOptions: Sendable, Equatable {
  public var beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask: Int
  public var offset: Bool
  public init(
    beginMask: Int = 0, endMask: Int = 0, ellipsisMask: Int = 0, newAxisMask: Int = 0, shrinkAxisMask: Int = 0,
    offset: Bool = false
  ) {
    self.beginMask = beginMask
    self.endMask = endMask
    self.ellipsisMask = ellipsisMask
    self.newAxisMask = newAxisMask
    self.shrinkAxisMask = shrinkAxisMask
    self.offset = offset
  }
}

/// Options of an operator, by kind. Ops without options (PAD, LOGISTIC, HARD_SWISH, QUANTIZE, DEQUANTIZE,
/// SHAPE) have `.none`.
public enum OperatorOptions: Sendable, Equatable {
  case none
  case conv2D(Conv2DOptions)
  case depthwiseConv2D(DepthwiseConv2DOptions)
  case pool2D(Pool2DOptions)
  case fullyConnected(FullyConnectedOptions)
  /// ADD, SUB, MUL.
  case elementwise(activation: FusedActivation)
  case concatenation(axis: Int, activation: FusedActivation)
  /// RESHAPE's `new_shape` (also given as a second input tensor in newer models).
  case reshape(newShape: [Int]?)
  case softmax(beta: Float)
  case squeeze(dimensions: [Int])
  /// MEAN, REDUCE_PROD (ReducerOptions).
  case reducer(keepDimensions: Bool)
  case stridedSlice(StridedSliceOptions)
  case pack(valuesCount: Int, axis: Int)
  case gather(axis: Int, batchDimensions: Int)
}

/// One node of the graph. Input indices of `-1` mark omitted optional inputs (e.g. a missing bias).
public struct Operator: Sendable {
  public var kind: BuiltinOperator
  public var version: Int
  public var inputs: [Int]
  public var outputs: [Int]
  public var options: OperatorOptions

  public init(kind: BuiltinOperator, version: Int, inputs: [Int], outputs: [Int], options: OperatorOptions) {
    self.kind = kind
    self.version = version
    self.inputs = inputs
    self.outputs = outputs
    self.options = options
  }
}

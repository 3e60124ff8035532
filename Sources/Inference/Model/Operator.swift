/// The builtin operators edgediag knows by name (values of `BuiltinOperator` in schema.fbs). Codes outside
/// this list are kept as `.other(code)` so that errors can name them.
public enum BuiltinOperator: Sendable, Equatable {
  case add, averagePool2D, concatenation, conv2D, depthwiseConv2D, dequantize, fullyConnected
  case logistic, maxPool2D, mul, reshape, softmax, pad, sub, squeeze, mean, quantize, hardSwish
  case transpose, slice, split, splitV, unpack, depthToSpace, spaceToDepth, resizeNearestNeighbor, resizeBilinear
  case spaceToBatchND, batchToSpaceND, padV2, mirrorPad
  case relu, reluN1To1, relu6, tanh, prelu, maximum, minimum, neg, rsqrt, leakyRelu, squaredDifference, gelu
  case sum, reduceMax, reduceMin, argMax, argMin, l2Normalization, logSoftmax, batchMatMul, transposeConv
  case div
  case shape, stridedSlice, pack, gather, reduceProd
  case abs, log, expandDims, exp, square
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
    case 39: self = .transpose
    case 65: self = .slice
    case 49: self = .split
    case 102: self = .splitV
    case 88: self = .unpack
    case 5: self = .depthToSpace
    case 26: self = .spaceToDepth
    case 97: self = .resizeNearestNeighbor
    case 23: self = .resizeBilinear
    case 38: self = .spaceToBatchND
    case 37: self = .batchToSpaceND
    case 60: self = .padV2
    case 100: self = .mirrorPad
    case 19: self = .relu
    case 20: self = .reluN1To1
    case 21: self = .relu6
    case 28: self = .tanh
    case 54: self = .prelu
    case 55: self = .maximum
    case 57: self = .minimum
    case 59: self = .neg
    case 76: self = .rsqrt
    case 98: self = .leakyRelu
    case 99: self = .squaredDifference
    case 150: self = .gelu
    case 74: self = .sum
    case 82: self = .reduceMax
    case 89: self = .reduceMin
    case 56: self = .argMax
    case 79: self = .argMin
    case 11: self = .l2Normalization
    case 50: self = .logSoftmax
    case 126: self = .batchMatMul
    case 67: self = .transposeConv
    case 42: self = .div
    case 77: self = .shape
    case 45: self = .stridedSlice
    case 83: self = .pack
    case 36: self = .gather
    case 81: self = .reduceProd
    case 101: self = .abs
    case 73: self = .log
    case 70: self = .expandDims
    case 47: self = .exp
    case 92: self = .square
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
    case .transpose: "TRANSPOSE"
    case .slice: "SLICE"
    case .split: "SPLIT"
    case .splitV: "SPLIT_V"
    case .unpack: "UNPACK"
    case .depthToSpace: "DEPTH_TO_SPACE"
    case .spaceToDepth: "SPACE_TO_DEPTH"
    case .resizeNearestNeighbor: "RESIZE_NEAREST_NEIGHBOR"
    case .resizeBilinear: "RESIZE_BILINEAR"
    case .spaceToBatchND: "SPACE_TO_BATCH_ND"
    case .batchToSpaceND: "BATCH_TO_SPACE_ND"
    case .padV2: "PADV2"
    case .mirrorPad: "MIRROR_PAD"
    case .relu: "RELU"
    case .reluN1To1: "RELU_N1_TO_1"
    case .relu6: "RELU6"
    case .tanh: "TANH"
    case .prelu: "PRELU"
    case .maximum: "MAXIMUM"
    case .minimum: "MINIMUM"
    case .neg: "NEG"
    case .abs: "ABS"
    case .log: "LOG"
    case .expandDims: "EXPAND_DIMS"
    case .exp: "EXP"
    case .square: "SQUARE"
    case .rsqrt: "RSQRT"
    case .leakyRelu: "LEAKY_RELU"
    case .squaredDifference: "SQUARED_DIFFERENCE"
    case .gelu: "GELU"
    case .sum: "SUM"
    case .reduceMax: "REDUCE_MAX"
    case .reduceMin: "REDUCE_MIN"
    case .argMax: "ARG_MAX"
    case .argMin: "ARG_MIN"
    case .l2Normalization: "L2_NORMALIZATION"
    case .logSoftmax: "LOG_SOFTMAX"
    case .batchMatMul: "BATCH_MATMUL"
    case .div: "DIV"
    case .transposeConv: "TRANSPOSE_CONV"
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

public struct TransposeConvOptions: Sendable, Equatable {
  public var padding: Padding
  public var strideWidth, strideHeight: Int
  public var activation: FusedActivation
  public init(padding: Padding, strideWidth: Int, strideHeight: Int, activation: FusedActivation = .none) {
    self.padding = padding
    self.strideWidth = strideWidth
    self.strideHeight = strideHeight
    self.activation = activation
  }
}

/// Options of an operator, by kind. Ops without options (PAD, LOGISTIC, HARD_SWISH, QUANTIZE, DEQUANTIZE)
/// have `.none`.
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
  /// MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD (ReducerOptions).
  case reducer(keepDimensions: Bool)
  /// SPLIT and SPLIT_V: how many outputs.
  case split(count: Int)
  /// UNPACK: how many outputs, and the axis unpacked.
  case unpack(count: Int, axis: Int)
  /// DEPTH_TO_SPACE, SPACE_TO_DEPTH.
  case blockSize(Int)
  /// RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR.
  case resize(alignCorners: Bool, halfPixelCenters: Bool)
  /// MIRROR_PAD: SYMMETRIC repeats the edge element, REFLECT does not.
  case mirrorPad(symmetric: Bool)
  /// LEAKY_RELU's slope for negative inputs.
  case leakyRelu(alpha: Float)
  /// GELU: the tanh approximation instead of erf.
  case gelu(approximate: Bool)
  /// ARG_MAX, ARG_MIN: the output's element type (int32 or int64).
  case argMinMax(outputType: ElementType)
  case batchMatMul(adjointX: Bool, adjointY: Bool)
  case transposeConv(TransposeConvOptions)
  /// L2_NORMALIZATION (L2NormOptions).
  case l2Normalization(activation: FusedActivation)
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

/// Field numbers of the tables this reader uses, from tensorflow/lite/schema/schema.fbs (schema version 3).
/// A field's vtable slot is its number; a union field takes two numbers, its type and then its value.
enum Schema {
  /// The only schema version TFLite has written since 2018, and the only one it loads.
  static let version: UInt32 = 3
  static let fileIdentifier: [UInt8] = Array("TFL3".utf8)

  enum Model {
    static let version = 0
    static let operatorCodes = 1
    static let subgraphs = 2
    static let description = 3
    static let buffers = 4
  }

  enum OperatorCode {
    static let deprecatedBuiltinCode = 0
    static let customCode = 1
    static let version = 2
    static let builtinCode = 3
  }

  enum SubGraph {
    static let tensors = 0
    static let inputs = 1
    static let outputs = 2
    static let operators = 3
  }

  enum Buffer {
    static let data = 0
    static let offset = 1
    static let size = 2
  }

  enum Tensor {
    static let shape = 0
    static let type = 1
    static let buffer = 2
    static let name = 3
    static let quantization = 4
    static let sparsity = 6
  }

  enum QuantizationParameters {
    static let scale = 2
    static let zeroPoint = 3
    static let detailsType = 4
    static let quantizedDimension = 6
  }

  enum Operator {
    static let opcodeIndex = 0
    static let inputs = 1
    static let outputs = 2
    static let builtinOptionsType = 3
    static let builtinOptions = 4
  }

  /// Values of the `BuiltinOptions` union's type field.
  enum BuiltinOptions {
    static let conv2D: UInt8 = 1
    static let depthwiseConv2D: UInt8 = 2
    static let pool2D: UInt8 = 5
    static let fullyConnected: UInt8 = 8
    static let softmax: UInt8 = 9
    static let concatenation: UInt8 = 10
    static let add: UInt8 = 11
    static let reshape: UInt8 = 17
    static let mul: UInt8 = 21
    static let reducer: UInt8 = 27
    static let sub: UInt8 = 28
    static let squeeze: UInt8 = 30
    static let resizeBilinear: UInt8 = 15
    static let spaceToDepth: UInt8 = 19
    static let split: UInt8 = 35
    static let unpack: UInt8 = 64
    static let resizeNearestNeighbor: UInt8 = 74
    static let mirrorPad: UInt8 = 77
    static let splitV: UInt8 = 79
    static let depthToSpace: UInt8 = 94
    static let leakyRelu: UInt8 = 75
    static let gelu: UInt8 = 116
    static let l2Norm: UInt8 = 12
    static let argMax: UInt8 = 40
    static let transposeConv: UInt8 = 49
    static let argMin: UInt8 = 57
    static let batchMatMul: UInt8 = 101
    static let div: UInt8 = 29
    static let gather: UInt8 = 23
    static let stridedSlice: UInt8 = 32
    static let shape: UInt8 = 55
    static let pack: UInt8 = 59
  }

  enum Conv2DOptions {
    static let padding = 0
    static let strideW = 1
    static let strideH = 2
    static let activation = 3
    static let dilationW = 4
    static let dilationH = 5
    static let quantizedBiasType = 6
  }

  enum DepthwiseConv2DOptions {
    static let padding = 0
    static let strideW = 1
    static let strideH = 2
    static let depthMultiplier = 3
    static let activation = 4
    static let dilationW = 5
    static let dilationH = 6
  }

  enum Pool2DOptions {
    static let padding = 0
    static let strideW = 1
    static let strideH = 2
    static let filterWidth = 3
    static let filterHeight = 4
    static let activation = 5
  }

  enum FullyConnectedOptions {
    static let activation = 0
    static let weightsFormat = 1
    static let keepNumDims = 2
    static let quantizedBiasType = 4
  }

  /// AddOptions, SubOptions, MulOptions and DivOptions all start with their fused activation.
  enum ElementwiseOptions {
    static let activation = 0
  }

  enum ConcatenationOptions {
    static let axis = 0
    static let activation = 1
  }

  enum SoftmaxOptions { static let beta = 0 }
  enum ReshapeOptions { static let newShape = 0 }
  enum SqueezeOptions { static let squeezeDims = 0 }
  enum ReducerOptions { static let keepDims = 0 }
  /// SplitOptions and SplitVOptions.
  enum SplitOptions { static let numSplits = 0 }
  enum UnpackOptions {
    static let num = 0
    static let axis = 1
  }
  /// DepthToSpaceOptions and SpaceToDepthOptions.
  enum BlockSizeOptions { static let blockSize = 0 }
  enum ResizeBilinearOptions {
    static let alignCorners = 2
    static let halfPixelCenters = 3
  }
  enum ResizeNearestNeighborOptions {
    static let alignCorners = 0
    static let halfPixelCenters = 1
  }
  enum MirrorPadOptions { static let mode = 0 }
  enum LeakyReluOptions { static let alpha = 0 }
  enum GeluOptions { static let approximate = 0 }
  enum L2NormOptions { static let activation = 0 }
  /// ArgMaxOptions and ArgMinOptions.
  enum ArgMinMaxOptions { static let outputType = 0 }

  enum BatchMatMulOptions {
    static let adjX = 0
    static let adjY = 1
  }

  enum TransposeConvOptions {
    static let padding = 0
    static let strideW = 1
    static let strideH = 2
    static let activation = 3
    static let quantizedBiasType = 4
  }
  enum GatherOptions {
    static let axis = 0
    static let batchDims = 1
  }
  enum StridedSliceOptions {
    static let beginMask = 0
    static let endMask = 1
    static let ellipsisMask = 2
    static let newAxisMask = 3
    static let shrinkAxisMask = 4
    static let offset = 5
  }
  enum ShapeOptions { static let outType = 0 }
  enum PackOptions {
    static let valuesCount = 0
    static let axis = 1
  }
}

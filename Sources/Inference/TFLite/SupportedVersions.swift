extension BuiltinOperator {
  /// The highest operator version this reader accepts, or nil for operators edgediag does not implement.
  ///
  /// An operator's version (in its OperatorCode) is the converter's promise of which features the op uses; the
  /// mapping is `GetBuiltinOperatorVersion` in tensorflow/lite/tools/versioning/op_version.cc. The cap is the
  /// highest version that needs only what a model read here can express: versions above it mean int4 weights
  /// (a tensor type rejected at load), `quantized_bias_type` (rejected) or uint32 data, or are newer than
  /// anything known. The int8 converter emits the version in the comment; the kernels reject types and shapes
  /// they do not implement, by name, at prepare.
  var highestSupportedVersion: Int? {
    switch self {
    case .add: 5  // int8: 2; 3 int16 without POT scales; 4 int64; 5 unquantized int16
    case .sub: 5  // int8: 2; 3 five-dimensional broadcast; 4 int64; 5 int16 without POT scales
    case .mul: 7  // int8: 2; 3 rescale ≥ 1; 4 int16; 5 int64; 6 complex64; 7 unquantized int16
    case .averagePool2D, .maxPool2D: 3  // int8: 2; 3 int16
    case .concatenation: 3  // int8: 2; 3 int16; 4 uint32
    case .conv2D: 6  // int8: 3; 4 int16; 5 hybrid per-channel; 6 grouped; 7 int4 weights; 8 bias type
    case .depthwiseConv2D: 6  // int8: 3; 2 dilation; 4 hybrid; 5 int16; 6 hybrid per-channel; 7 int4 weights
    case .fullyConnected: 12  // int8: 4; 5 keep_num_dims; 6 no bias; 7 int16; 8 sparse (rejected); … 12 hybrid
    case .dequantize: 5  // int8: 2; 3 int16 or float16; 5 per-channel; 6 int4
    case .quantize: 3  // int8: 1; 2 int16 output; 3 per-channel; 4 int4
    case .logistic, .softmax, .mean: 3  // int8: 2; 3 int16
    case .pad: 4  // int8: 2; 3 int16; 4 more than four dimensions
    case .squeeze: 2  // 1; 2 string
    case .reshape, .hardSwish: 1
    case .transpose: 6  // int8: 2; 3 bool; 4 five dimensions; 5 int16; 6 six dimensions
    case .slice: 5  // int8: 2; 3 string; 4 int16; 5 more than four dimensions; 6 uint32
    case .split: 4  // int8: 2; 3 int32; 4 int16
    case .splitV, .depthToSpace, .spaceToDepth: 2  // int8: 2
    case .unpack: 4  // int8: 2; 3 bool; 4 int16
    case .resizeBilinear: 4  // int8: 2; 3 half_pixel_centers; 4 int16
    case .resizeNearestNeighbor: 4  // int8: 2; 3 align_corners or half_pixel_centers; 4 int16
    case .spaceToBatchND, .batchToSpaceND: 4  // int8: 2; 3 not four-dimensional; 4 int16
    case .padV2: 4  // int8: 2; 3 int16; 4 more than four dimensions
    case .mirrorPad: 3  // int8: 2; 3 int16
    case .relu, .relu6: 2  // int8: 2; 3 int16
    case .reluN1To1, .leakyRelu, .prelu, .neg: 1  // int8: 1; LEAKY_RELU 2 int16
    case .tanh, .rsqrt: 2  // int8: 2; 3 int16
    case .gelu, .squaredDifference: 2  // int8: 2
    case .maximum, .minimum: 3  // int8: 2; 3 broadcast over more than four dimensions; 4 int16
    case .sum: 2  // int8: 2; 3 int16
    case .reduceMax, .reduceMin: 3  // int8: 2; 3 int16
    case .argMax, .argMin: 2  // int8: 2; 3 bool
    case .l2Normalization: 2  // int8: 2
    case .logSoftmax: 2  // int8: 2
    case .batchMatMul: 2  // int8: 2; 3 int16; 4 hybrid with asymmetric inputs
    case .div: 1  // float32: 1; 2 int8/uint8 (not implemented: refused at prepare)
    case .transposeConv: 5  // int8: 2; 3 bias; 4 int16; 5 fused activation
    case .shape: 1
    case .stridedSlice: 8  // int8: 2; 3 bool; 4 five dimensions; 5 string; 6 ellipsis/new axis; 7 uint32; 8 offset
    case .pack: 3  // int8: 2; 3 int16; 4 uint32
    case .gather: 6  // int8: 2; 3 bool; 4 int16; 5 batch_dims; 6 int16 indices; 7 int4
    case .reduceProd: 2  // int32: 1; 2 int8 (refused at prepare)
    case .abs, .log: 2  // int8: 2; ABS 3 and 4 int16, 5 int32
    case .expandDims: 1
    case .exp, .square: 1  // float32: 1; EXP 2 int8, 3 int16 (refused at prepare)
    case .other: nil
    }
  }
}

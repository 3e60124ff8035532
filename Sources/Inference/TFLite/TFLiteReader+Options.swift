extension TFLiteReader {
  /// The operator's `builtin_options`, read as the table its kind expects. Missing options, or missing fields,
  /// take the schema defaults, which the checks below then judge: a CONV_2D without options has stride 0 and is
  /// rejected. Ops without options (PAD, LOGISTIC, HARD_SWISH, QUANTIZE, DEQUANTIZE, RELU…), with empty options
  /// tables (MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, NEG) or whose options say what their tensors say (SHAPE's
  /// out_type is its output tensor's type) never read the union.
  func options(of op: FlatTable, kind: BuiltinOperator, operator index: Int, name: String)
    throws(ModelError) -> OperatorOptions
  {
    let reader = OptionsReader(index: index, name: name)
    func table(_ expected: UInt8) throws(ModelError) -> FlatTable {
      let type = try op.uint8(Schema.Operator.builtinOptionsType, "\(reader.what) type")
      if type == 0 { return .empty(in: buffer) }
      guard type == expected else {
        throw reader.invalid("its options are of union type \(type), expected \(expected)")
      }
      return try op.table(Schema.Operator.builtinOptions, reader.what) ?? .empty(in: buffer)
    }
    switch kind {
    case .conv2D:
      return .conv2D(try reader.conv2D(table(Schema.BuiltinOptions.conv2D)))
    case .depthwiseConv2D:
      return .depthwiseConv2D(try reader.depthwiseConv2D(table(Schema.BuiltinOptions.depthwiseConv2D)))
    case .averagePool2D, .maxPool2D:
      return .pool2D(try reader.pool2D(table(Schema.BuiltinOptions.pool2D)))
    case .fullyConnected:
      return .fullyConnected(try reader.fullyConnected(table(Schema.BuiltinOptions.fullyConnected)))
    case .add:
      return try reader.elementwise(table(Schema.BuiltinOptions.add))
    case .sub:
      return try reader.elementwise(table(Schema.BuiltinOptions.sub))
    case .mul:
      return try reader.elementwise(table(Schema.BuiltinOptions.mul))
    case .concatenation:
      let options = try table(Schema.BuiltinOptions.concatenation)
      let axis = try options.int32(Schema.ConcatenationOptions.axis, reader.what)
      let activation = try reader.activation(options, Schema.ConcatenationOptions.activation)
      return .concatenation(axis: Int(axis), activation: activation)
    case .reshape:
      let options = try table(Schema.BuiltinOptions.reshape)
      guard try options.position(of: Schema.ReshapeOptions.newShape, size: 4, reader.what) != nil else {
        return .reshape(newShape: nil)
      }
      return .reshape(newShape: try options.ints(Schema.ReshapeOptions.newShape, reader.what))
    case .softmax:
      let beta = try table(Schema.BuiltinOptions.softmax).float32(Schema.SoftmaxOptions.beta, reader.what)
      guard beta.isFinite, beta > 0 else { throw reader.invalid("beta is \(beta), not a finite positive number") }
      return .softmax(beta: beta)
    case .squeeze:
      let options = try table(Schema.BuiltinOptions.squeeze)
      return .squeeze(dimensions: try options.ints(Schema.SqueezeOptions.squeezeDims, reader.what))
    case .mean, .sum, .reduceMax, .reduceMin, .reduceProd:
      let options = try table(Schema.BuiltinOptions.reducer)
      return .reducer(keepDimensions: try options.bool(Schema.ReducerOptions.keepDims, reader.what))
    case .split:
      return try reader.split(table(Schema.BuiltinOptions.split))
    case .splitV:
      return try reader.split(table(Schema.BuiltinOptions.splitV))
    case .unpack:
      let options = try table(Schema.BuiltinOptions.unpack)
      let count = try reader.positive(options, Schema.UnpackOptions.num, default: 0, "num")
      return .unpack(count: count, axis: Int(try options.int32(Schema.UnpackOptions.axis, reader.what)))
    case .depthToSpace:
      return try reader.blockSize(table(Schema.BuiltinOptions.depthToSpace))
    case .spaceToDepth:
      return try reader.blockSize(table(Schema.BuiltinOptions.spaceToDepth))
    case .resizeBilinear:
      let options = try table(Schema.BuiltinOptions.resizeBilinear)
      typealias Field = Schema.ResizeBilinearOptions
      return try reader.resize(options, alignCorners: Field.alignCorners, halfPixelCenters: Field.halfPixelCenters)
    case .resizeNearestNeighbor:
      let options = try table(Schema.BuiltinOptions.resizeNearestNeighbor)
      typealias Field = Schema.ResizeNearestNeighborOptions
      return try reader.resize(options, alignCorners: Field.alignCorners, halfPixelCenters: Field.halfPixelCenters)
    case .mirrorPad:
      let mode = try table(Schema.BuiltinOptions.mirrorPad).int8(Schema.MirrorPadOptions.mode, reader.what)
      guard (0...1).contains(mode) else {
        throw reader.invalid("mirror pad mode \(mode) is neither REFLECT nor SYMMETRIC")
      }
      return .mirrorPad(symmetric: mode == 1)
    case .leakyRelu:
      let alpha = try table(Schema.BuiltinOptions.leakyRelu).float32(Schema.LeakyReluOptions.alpha, reader.what)
      guard alpha.isFinite else { throw reader.invalid("alpha is \(alpha), not a finite number") }
      return .leakyRelu(alpha: alpha)
    case .gelu:
      return .gelu(approximate: try table(Schema.BuiltinOptions.gelu).bool(Schema.GeluOptions.approximate, reader.what))
    case .argMax:
      return try reader.argMinMax(table(Schema.BuiltinOptions.argMax))
    case .argMin:
      return try reader.argMinMax(table(Schema.BuiltinOptions.argMin))
    case .batchMatMul:
      let options = try table(Schema.BuiltinOptions.batchMatMul)
      return .batchMatMul(
        adjointX: try options.bool(Schema.BatchMatMulOptions.adjX, reader.what),
        adjointY: try options.bool(Schema.BatchMatMulOptions.adjY, reader.what))
    case .div:
      return try reader.elementwise(table(Schema.BuiltinOptions.div))
    case .transposeConv:
      return .transposeConv(try reader.transposeConv(table(Schema.BuiltinOptions.transposeConv)))
    case .l2Normalization:
      let options = try table(Schema.BuiltinOptions.l2Norm)
      return .l2Normalization(activation: try reader.activation(options, Schema.L2NormOptions.activation))
    case .dequantize, .logistic, .pad, .quantize, .hardSwish, .logSoftmax, .shape, .other:
      return .none
    case .relu, .reluN1To1, .relu6, .tanh, .prelu, .maximum, .minimum, .neg, .rsqrt, .squaredDifference:
      return .none
    case .abs, .log, .expandDims, .exp, .square:
      return .none
    case .transpose, .slice, .spaceToBatchND, .batchToSpaceND, .padV2:
      return .none
    case .stridedSlice:
      return .stridedSlice(try reader.stridedSlice(table(Schema.BuiltinOptions.stridedSlice)))
    case .pack:
      let options = try table(Schema.BuiltinOptions.pack)
      let count = try options.int32(Schema.PackOptions.valuesCount, reader.what)
      guard count > 0 else { throw reader.invalid("values count is \(count), must be positive") }
      return .pack(valuesCount: Int(count), axis: Int(try options.int32(Schema.PackOptions.axis, reader.what)))
    case .gather:
      let options = try table(Schema.BuiltinOptions.gather)
      return .gather(
        axis: Int(try options.int32(Schema.GatherOptions.axis, reader.what)),
        batchDimensions: Int(try options.int32(Schema.GatherOptions.batchDims, reader.what)))
    }
  }
}

/// Reads and checks the fields of one operator's options table.
private struct OptionsReader {
  let index: Int
  let name: String

  var what: String { "operator \(index) options" }

  func invalid(_ reason: String) -> ModelError { .invalidOperator(index: index, name: name, reason: reason) }

  func conv2D(_ table: FlatTable) throws(ModelError) -> Conv2DOptions {
    typealias Field = Schema.Conv2DOptions
    if try table.int8(Field.quantizedBiasType, what) != 0 { throw invalid("quantized_bias_type is not supported") }
    return Conv2DOptions(
      padding: try padding(table, Field.padding),
      strideWidth: try positive(table, Field.strideW, default: 0, "stride width"),
      strideHeight: try positive(table, Field.strideH, default: 0, "stride height"),
      dilationWidth: try positive(table, Field.dilationW, default: 1, "dilation width"),
      dilationHeight: try positive(table, Field.dilationH, default: 1, "dilation height"),
      activation: try activation(table, Field.activation))
  }

  func depthwiseConv2D(_ table: FlatTable) throws(ModelError) -> DepthwiseConv2DOptions {
    typealias Field = Schema.DepthwiseConv2DOptions
    // Newer kernels ignore the redundant depth multiplier (schema.fbs), so 0 is allowed; negative is nonsense.
    let depthMultiplier = try table.int32(Field.depthMultiplier, what)
    guard depthMultiplier >= 0 else { throw invalid("depth multiplier is \(depthMultiplier)") }
    return DepthwiseConv2DOptions(
      padding: try padding(table, Field.padding),
      strideWidth: try positive(table, Field.strideW, default: 0, "stride width"),
      strideHeight: try positive(table, Field.strideH, default: 0, "stride height"),
      depthMultiplier: Int(depthMultiplier),
      dilationWidth: try positive(table, Field.dilationW, default: 1, "dilation width"),
      dilationHeight: try positive(table, Field.dilationH, default: 1, "dilation height"),
      activation: try activation(table, Field.activation))
  }

  func pool2D(_ table: FlatTable) throws(ModelError) -> Pool2DOptions {
    typealias Field = Schema.Pool2DOptions
    return Pool2DOptions(
      padding: try padding(table, Field.padding),
      strideWidth: try positive(table, Field.strideW, default: 0, "stride width"),
      strideHeight: try positive(table, Field.strideH, default: 0, "stride height"),
      filterWidth: try positive(table, Field.filterWidth, default: 0, "filter width"),
      filterHeight: try positive(table, Field.filterHeight, default: 0, "filter height"),
      activation: try activation(table, Field.activation))
  }

  func fullyConnected(_ table: FlatTable) throws(ModelError) -> FullyConnectedOptions {
    typealias Field = Schema.FullyConnectedOptions
    let weightsFormat = try table.int8(Field.weightsFormat, what)
    guard weightsFormat == 0 else { throw invalid("weights format \(weightsFormat) is not supported (only DEFAULT)") }
    if try table.int8(Field.quantizedBiasType, what) != 0 { throw invalid("quantized_bias_type is not supported") }
    return FullyConnectedOptions(
      activation: try activation(table, Field.activation), keepNumDims: try table.bool(Field.keepNumDims, what))
  }

  /// ArgMaxOptions, ArgMinOptions: the output type, int32 or int64 (an absent field reads as float32's 0 and is
  /// rejected).
  func argMinMax(_ table: FlatTable) throws(ModelError) -> OperatorOptions {
    let raw = try table.int8(Schema.ArgMinMaxOptions.outputType, what)
    guard let type = ElementType(rawValue: raw), type == .int32 || type == .int64 else {
      throw invalid("output type \(raw) is neither int32 nor int64")
    }
    return .argMinMax(outputType: type)
  }

  func transposeConv(_ table: FlatTable) throws(ModelError) -> TransposeConvOptions {
    typealias Field = Schema.TransposeConvOptions
    if try table.int8(Field.quantizedBiasType, what) != 0 { throw invalid("quantized_bias_type is not supported") }
    return TransposeConvOptions(
      padding: try padding(table, Field.padding),
      strideWidth: try positive(table, Field.strideW, default: 0, "stride width"),
      strideHeight: try positive(table, Field.strideH, default: 0, "stride height"),
      activation: try activation(table, Field.activation))
  }

  /// AddOptions, SubOptions, MulOptions.
  func elementwise(_ table: FlatTable) throws(ModelError) -> OperatorOptions {
    .elementwise(activation: try activation(table, Schema.ElementwiseOptions.activation))
  }

  /// SplitOptions, SplitVOptions.
  func split(_ table: FlatTable) throws(ModelError) -> OperatorOptions {
    .split(count: try positive(table, Schema.SplitOptions.numSplits, default: 0, "num_splits"))
  }

  /// DepthToSpaceOptions, SpaceToDepthOptions.
  func blockSize(_ table: FlatTable) throws(ModelError) -> OperatorOptions {
    .blockSize(try positive(table, Schema.BlockSizeOptions.blockSize, default: 0, "block size"))
  }

  /// ResizeBilinearOptions, ResizeNearestNeighborOptions: the flags sit at different fields.
  func resize(_ table: FlatTable, alignCorners: Int, halfPixelCenters: Int) throws(ModelError) -> OperatorOptions {
    let align = try table.bool(alignCorners, what)
    let halfPixel = try table.bool(halfPixelCenters, what)
    guard !(align && halfPixel) else { throw invalid("align_corners and half_pixel_centers are both set") }
    return .resize(alignCorners: align, halfPixelCenters: halfPixel)
  }

  func stridedSlice(_ table: FlatTable) throws(ModelError) -> StridedSliceOptions {
    typealias Field = Schema.StridedSliceOptions
    func mask(_ field: Int) throws(ModelError) -> Int { Int(try table.int32(field, what)) }
    return StridedSliceOptions(
      beginMask: try mask(Field.beginMask), endMask: try mask(Field.endMask),
      ellipsisMask: try mask(Field.ellipsisMask), newAxisMask: try mask(Field.newAxisMask),
      shrinkAxisMask: try mask(Field.shrinkAxisMask), offset: try table.bool(Field.offset, what))
  }

  func padding(_ table: FlatTable, _ field: Int) throws(ModelError) -> Padding {
    let raw = try table.int8(field, what)
    guard let padding = Padding(rawValue: raw) else { throw invalid("padding \(raw) is neither SAME nor VALID") }
    return padding
  }

  func activation(_ table: FlatTable, _ field: Int) throws(ModelError) -> FusedActivation {
    let raw = try table.int8(field, what)
    guard let activation = FusedActivation(rawValue: raw) else { throw invalid("fused activation \(raw) is unknown") }
    return activation
  }

  func positive(_ table: FlatTable, _ field: Int, default value: Int32, _ label: String) throws(ModelError) -> Int {
    let number = try table.int32(field, default: value, what)
    guard number > 0 else { throw invalid("\(label) is \(number), must be positive") }
    return Int(number)
  }
}

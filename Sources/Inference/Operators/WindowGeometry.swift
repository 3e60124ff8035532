/// The spatial geometry shared by convolutions and pools over NHWC tensors: sizes, strides, dilations and
/// the leading padding, computed as TFLite's `ComputePaddingHeightWidth` does (SAME puts the odd pixel of
/// padding at the bottom/right).
struct WindowGeometry: Sendable, Equatable {
  var batches, inputHeight, inputWidth, inputChannels: Int
  var outputHeight, outputWidth, outputChannels: Int
  var filterHeight, filterWidth: Int
  var strideHeight, strideWidth: Int
  var dilationHeight, dilationWidth: Int
  var padTop, padLeft: Int

  /// `input` and `output` are NHWC shapes, already checked to be rank 4.
  init(
    input: [Int], outputChannels: Int, filterHeight: Int, filterWidth: Int, strideHeight: Int, strideWidth: Int,
    dilationHeight: Int = 1, dilationWidth: Int = 1, padding: Padding
  ) {
    batches = input[0]
    inputHeight = input[1]
    inputWidth = input[2]
    inputChannels = input[3]
    self.outputChannels = outputChannels
    self.filterHeight = filterHeight
    self.filterWidth = filterWidth
    self.strideHeight = strideHeight
    self.strideWidth = strideWidth
    self.dilationHeight = dilationHeight
    self.dilationWidth = dilationWidth
    func outSize(_ size: Int, _ filter: Int, _ stride: Int, _ dilation: Int) -> Int {
      let effective = (filter - 1) * dilation + 1
      return padding == .same ? (size + stride - 1) / stride : (size + stride - effective) / stride
    }
    func pad(_ size: Int, _ filter: Int, _ stride: Int, _ dilation: Int, _ out: Int) -> Int {
      let effective = (filter - 1) * dilation + 1
      return max(0, (out - 1) * stride + effective - size) / 2
    }
    outputHeight = outSize(inputHeight, filterHeight, strideHeight, dilationHeight)
    outputWidth = outSize(inputWidth, filterWidth, strideWidth, dilationWidth)
    padTop = pad(inputHeight, filterHeight, strideHeight, dilationHeight, outputHeight)
    padLeft = pad(inputWidth, filterWidth, strideWidth, dilationWidth, outputWidth)
  }

  var outputShape: [Int] { [batches, outputHeight, outputWidth, outputChannels] }

  /// Multiply-accumulates of a convolution whose outputs each read `filterDepth` input channels per tap.
  func macs(filterDepth: Int) -> Int {
    batches * outputHeight * outputWidth * outputChannels * filterHeight * filterWidth * filterDepth
  }

  /// True when no output pixel's window reaches outside the input (no padding is ever read).
  var isUnpadded: Bool {
    padTop == 0 && padLeft == 0
      && (outputHeight - 1) * strideHeight + (filterHeight - 1) * dilationHeight < inputHeight
      && (outputWidth - 1) * strideWidth + (filterWidth - 1) * dilationWidth < inputWidth
  }
}

extension OperatorContext {
  /// Validates strides, dilations and filter sizes, builds the geometry and checks the declared output
  /// shape agrees with it.
  func windowGeometry(
    input: Tensor, output: Tensor, outputChannels: Int, filterHeight: Int, filterWidth: Int, strideHeight: Int,
    strideWidth: Int, dilationHeight: Int = 1, dilationWidth: Int = 1, padding: Padding
  ) throws(ModelError) -> WindowGeometry {
    try expectRank(input, 4, "input")
    try expectRank(output, 4, "output")
    guard strideHeight > 0, strideWidth > 0, dilationHeight > 0, dilationWidth > 0, filterHeight > 0,
      filterWidth > 0, strideHeight <= 1024, strideWidth <= 1024, dilationHeight <= 1024, dilationWidth <= 1024
    else {
      throw invalid(
        "strides \(strideHeight)x\(strideWidth), dilations \(dilationHeight)x\(dilationWidth), filter \(filterHeight)x\(filterWidth) must be positive"
      )
    }
    let geometry = WindowGeometry(
      input: input.shape, outputChannels: outputChannels, filterHeight: filterHeight, filterWidth: filterWidth,
      strideHeight: strideHeight, strideWidth: strideWidth, dilationHeight: dilationHeight,
      dilationWidth: dilationWidth, padding: padding)
    guard geometry.outputShape == output.shape else {
      throw invalid("output shape \(shapeText(output.shape)) should be \(shapeText(geometry.outputShape))")
    }
    return geometry
  }
}

extension WindowGeometry {
  /// Calls `body(i, batch, oy, ox)` for the output pixels `first..<first + count` (counted across batches),
  /// in order, dividing once.
  @inline(__always)
  func forEachOutputPixel(from first: Int, count: Int, _ body: (Int, Int, Int, Int) -> Void) {
    let (batch, q) = first.quotientAndRemainder(dividingBy: outputHeight * outputWidth)
    var b = batch
    var (oy, ox) = q.quotientAndRemainder(dividingBy: outputWidth)
    for i in 0..<count {
      body(i, b, oy, ox)
      ox += 1
      if ox == outputWidth {
        ox = 0
        oy += 1
        if oy == outputHeight {
          oy = 0
          b += 1
        }
      }
    }
  }
}

/// The filter positions `f` whose input position `origin + f × dilation` lies inside `0..<extent`: a
/// convolution skips the others' products, as the reference does.
@inline(__always)
@_optimize(speed)
func insideTaps(origin: Int, dilation: Int, filter: Int, _ extent: Int) -> Range<Int> {
  let first = origin >= 0 ? 0 : (dilation &- 1 &- origin) / dilation
  let end = extent > origin ? min(filter, (extent &- origin &+ dilation &- 1) / dilation) : 0
  return first..<max(first, end)
}

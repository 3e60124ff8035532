extension Conv2DPlan {
  var isPointwise: Bool { geometry.filterHeight == 1 && geometry.filterWidth == 1 && geometry.isUnpadded }

  var scratchBytes: Int { packed.scratchBytes }

  /// Pointwise convolutions copy each input pixel as kernel inputs; others gather each pixel's window (im2col),
  /// converting as they go, with taps outside the input at the input zero point, which the folded bias cancels.
  /// A window row inside the input is one contiguous run of `filterWidth * inputChannels` bytes when the
  /// dilation is 1, converted 16 bytes at a time; a first 3×3 RGB convolution's three 9-byte rows are joined in
  /// registers instead (`copyWindow3x9`).
  @_optimize(speed)
  func eval(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads = .serial
  ) {
    typealias Weights = PackedGEMMWeights
    let g = geometry
    let pixels = g.batches * g.outputHeight * g.outputWidth
    let channels = g.inputChannels
    let inputEnd = input + g.batches * g.inputHeight * g.inputWidth * channels
    let stride = packed.paddedDepth
    if isPointwise {
      packed.gemm(pixels: pixels, output: output, outputStride: g.outputChannels, scratch: scratch, threads: threads) {
        first, count, destination in
        g.forEachOutputPixel(from: first, count: count) { i, b, oy, ox in
          let source =
            input + ((b * g.inputHeight + oy * g.strideHeight) * g.inputWidth + ox * g.strideWidth) * channels
          Weights.copyInputs(source, count: channels, readableEnd: inputEnd, to: destination + i * stride)
        }
      }
      return
    }
    let padding = Weights.kernelInput(Int8(-inputOffset))
    let rowBytes = g.filterWidth * channels
    let imageBytes = g.inputHeight * g.inputWidth * channels
    let windowRowStep = g.dilationHeight * g.inputWidth * channels
    let windowHeight = (g.filterHeight - 1) * g.dilationHeight + 1
    packed.gemm(pixels: pixels, output: output, outputStride: g.outputChannels, scratch: scratch, threads: threads) {
      first, count, destination in
      g.forEachOutputPixel(from: first, count: count) { i, b, oy, ox in
        let column = destination + i * stride
        let yOrigin = oy * g.strideHeight - g.padTop
        let xOrigin = ox * g.strideWidth - g.padLeft
        let contiguous = g.dilationWidth == 1 && xOrigin >= 0 && xOrigin + g.filterWidth <= g.inputWidth
        if contiguous && yOrigin >= 0 && yOrigin + windowHeight <= g.inputHeight {
          // The whole window inside the input: one run of bytes per window row, a fixed step apart.
          var source = input + b * imageBytes + (yOrigin * g.inputWidth + xOrigin) * channels
          if rowBytes == 9 && g.filterHeight == 3 && source + 2 * windowRowStep + 16 <= inputEnd {
            Weights.copyWindow3x9(source, rowStep: windowRowStep, to: column)
            return
          }
          var k = 0
          for _ in 0..<g.filterHeight {
            Weights.copyInputs(source, count: rowBytes, readableEnd: inputEnd, to: column + k)
            source += windowRowStep
            k += rowBytes
          }
          return
        }
        var k = 0
        for fy in 0..<g.filterHeight {
          let y = yOrigin + fy * g.dilationHeight
          let rowStart = input + (b * g.inputHeight + y) * g.inputWidth * channels
          if contiguous, y >= 0, y < g.inputHeight {
            Weights.copyInputs(rowStart + xOrigin * channels, count: rowBytes, readableEnd: inputEnd, to: column + k)
            k += rowBytes
            continue
          }
          for fx in 0..<g.filterWidth {
            let x = xOrigin + fx * g.dilationWidth
            if y >= 0, y < g.inputHeight, x >= 0, x < g.inputWidth {
              Weights.copyInputs(rowStart + x * channels, count: channels, readableEnd: inputEnd, to: column + k)
            } else {
              (column + k).update(repeating: padding, count: channels)
            }
            k += channels
          }
        }
      }
    }
  }
}

extension FullyConnectedPlan {
  var scratchBytes: Int { packed.scratchBytes }

  @_optimize(speed)
  func eval(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads = .serial
  ) {
    let inputEnd = input + batches * depth
    packed.gemm(pixels: batches, output: output, outputStride: units, scratch: scratch, threads: threads) {
      first, count, destination in
      for i in 0..<count {
        PackedGEMMWeights.copyInputs(
          input + (first + i) * depth, count: depth, readableEnd: inputEnd, to: destination + i * packed.paddedDepth)
      }
    }
  }
}

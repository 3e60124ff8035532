extension Conv2DPlan {
  var isPointwise: Bool { geometry.filterHeight == 1 && geometry.filterWidth == 1 && geometry.isUnpadded }

  var scratchBytes: Int { packed.scratchBytes }

  /// Pointwise convolutions copy each input pixel as kernel inputs (aarch64 reads a stride-1 one's in place
  /// when its depth needs no padding); others gather each pixel's window (im2col),
  /// converting as they go, with taps outside the input at the input zero point, which the folded bias cancels.
  /// A window row inside the input is one contiguous run of `filterWidth * inputChannels` bytes when the
  /// dilation is 1, converted 16 bytes at a time. Windows of short rows (an image's first convolution) take
  /// `evalShortWindowRows`.
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
      let inPlace =
        Weights.readsInputsInPlace && g.strideHeight == 1 && g.strideWidth == 1 && channels == stride
        ? UnsafeRawPointer(input) : nil
      packed.gemm(
        pixels: pixels, output: output, outputStride: g.outputChannels, scratch: scratch, threads: threads,
        inPlace: inPlace
      ) { first, count, destination in
        g.forEachOutputPixel(from: first, count: count) { i, b, oy, ox in
          let source =
            input + ((b * g.inputHeight + oy * g.strideHeight) * g.inputWidth + ox * g.strideWidth) * channels
          Weights.copyInputs(source, count: channels, readableEnd: inputEnd, to: destination + i * stride)
        }
      }
      return
    }
    if hasShortWindowRows {
      return evalShortWindowRows(input: input, output: output, scratch: scratch, threads: threads)
    }
    let imageBytes = g.inputHeight * g.inputWidth * channels
    packed.gemm(pixels: pixels, output: output, outputStride: g.outputChannels, scratch: scratch, threads: threads) {
      first, count, destination in
      g.forEachOutputPixel(from: first, count: count) { i, b, oy, ox in
        copyWindow(
          input + b * imageBytes, yOrigin: oy * g.strideHeight - g.padTop, xOrigin: ox * g.strideWidth - g.padLeft,
          readableEnd: inputEnd, to: destination + i * stride)
      }
    }
  }

  /// Copies the window at (`yOrigin`, `xOrigin`) of the image at `image` as kernel inputs, taps outside the
  /// input at the input zero point: one run of bytes per window row inside the input, else tap by tap.
  @inline(__always)
  @_optimize(speed)
  func copyWindow(
    _ image: UnsafePointer<Int8>, yOrigin: Int, xOrigin: Int, readableEnd: UnsafePointer<Int8>,
    to column: UnsafeMutablePointer<PackedGEMMWeights.KernelInput>
  ) {
    let g = geometry
    let channels = g.inputChannels
    let padding = PackedGEMMWeights.kernelInput(Int8(-inputOffset))
    let contiguous = g.dilationWidth == 1 && xOrigin >= 0 && xOrigin + g.filterWidth <= g.inputWidth
    var k = 0
    for fy in 0..<g.filterHeight {
      let y = yOrigin + fy * g.dilationHeight
      let rowStart = image + y * g.inputWidth * channels
      if contiguous, y >= 0, y < g.inputHeight {
        PackedGEMMWeights.copyInputs(
          rowStart + xOrigin * channels, count: g.filterWidth * channels, readableEnd: readableEnd, to: column + k)
        k += g.filterWidth * channels
        continue
      }
      for fx in 0..<g.filterWidth {
        let x = xOrigin + fx * g.dilationWidth
        if y >= 0, y < g.inputHeight, x >= 0, x < g.inputWidth {
          PackedGEMMWeights.copyInputs(
            rowStart + x * channels, count: channels, readableEnd: readableEnd, to: column + k)
        } else {
          (column + k).update(repeating: padding, count: channels)
        }
        k += channels
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

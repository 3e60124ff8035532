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
  /// input at the input zero point: per window row, the taps left and right of the input as two runs of padding
  /// and the ones inside as one run of bytes (dilation 1) or tap by tap.
  @inline(__always)
  @_optimize(speed)
  func copyWindow(
    _ image: UnsafePointer<Int8>, yOrigin: Int, xOrigin: Int, readableEnd: UnsafePointer<Int8>,
    to column: UnsafeMutablePointer<PackedGEMMWeights.KernelInput>
  ) {
    typealias Weights = PackedGEMMWeights
    let g = geometry
    let channels = g.inputChannels
    let padding = Weights.kernelInput(Int8(-inputOffset))
    let rowInputs = g.filterWidth &* channels
    let inside = insideTaps(origin: xOrigin, dilation: g.dilationWidth, filter: g.filterWidth, g.inputWidth)
    let (left, right) = (inside.lowerBound &* channels, inside.upperBound &* channels)
    var row = column
    for fy in 0..<g.filterHeight {
      let y = yOrigin &+ fy &* g.dilationHeight
      if y < 0 || y >= g.inputHeight || inside.isEmpty {
        Weights.fillInputs(padding, count: rowInputs, to: row)
      } else {
        // Each copy and fill may write up to 15 inputs past its run; the runs after it rewrite them.
        Weights.fillInputs(padding, count: left, to: row)
        let pixels = image + (y &* g.inputWidth &+ xOrigin) &* channels
        if g.dilationWidth == 1 {
          Weights.copyInputs(pixels + left, count: right &- left, readableEnd: readableEnd, to: row + left)
        } else {
          for fx in inside {
            Weights.copyInputs(
              pixels + fx &* g.dilationWidth &* channels, count: channels, readableEnd: readableEnd,
              to: row + fx &* channels)
          }
        }
        Weights.fillInputs(padding, count: rowInputs &- right, to: row + right)
      }
      row += rowInputs
    }
  }
}

extension FullyConnectedPlan {
  var scratchBytes: Int { packed.scratchBytes }

  /// The kernel reads the input rows where they lie when it reads int8 as it is and `depth` needs no padding
  /// (`readsInputsInPlace`); else each row is copied as kernel inputs.
  @_optimize(speed)
  func eval(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads = .serial
  ) {
    let inputEnd = input + batches * depth
    let inPlace =
      PackedGEMMWeights.readsInputsInPlace && depth == packed.paddedDepth ? UnsafeRawPointer(input) : nil
    packed.gemm(
      pixels: batches, output: output, outputStride: units, scratch: scratch, threads: threads, inPlace: inPlace
    ) {
      first, count, destination in
      for i in 0..<count {
        PackedGEMMWeights.copyInputs(
          input + (first + i) * depth, count: depth, readableEnd: inputEnd, to: destination + i * packed.paddedDepth)
      }
    }
  }
}

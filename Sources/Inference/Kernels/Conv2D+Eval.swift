extension Conv2DPlan {
  var isPointwise: Bool { geometry.filterHeight == 1 && geometry.filterWidth == 1 && geometry.isUnpadded }

  /// Scratch for the GEMM's widened inputs, plus one im2col row (and 16 bytes of slack for `copyRow`'s whole
  /// vector stores) unless the convolution is pointwise.
  var scratchBytes: Int { packed.scratchBytes + (isPointwise ? 0 : (packed.depth + 16 + 63) / 64 * 64) }

  /// Pointwise convolutions read input pixels in place; others gather each pixel's window into an im2col row,
  /// filling taps outside the input with the input zero point, which the folded bias cancels. A window row
  /// inside the input is one contiguous run of `filterWidth * inputChannels` bytes when the dilation is 1,
  /// copied 16 bytes at a time: per-tap copies of a few bytes (3 in a first RGB convolution) cost a call each.
  /// With `threads`, each worker gathers into its own scratch.
  func eval(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads = .serial
  ) {
    let g = geometry
    let perImage = g.outputHeight * g.outputWidth
    let pixels = g.batches * perImage
    if isPointwise && g.strideHeight == 1 && g.strideWidth == 1 {
      // Output pixel p reads input pixel p: no index arithmetic (divisions) per pixel.
      packed.gemm(pixels: pixels, output: output, outputStride: g.outputChannels, scratch: scratch, threads: threads) {
        p, _ in input + p * g.inputChannels
      }
      return
    }
    if isPointwise {
      packed.gemm(pixels: pixels, output: output, outputStride: g.outputChannels, scratch: scratch, threads: threads) {
        p, _ in
        let b = p / perImage
        let oy = (p % perImage) / g.outputWidth
        let ox = p % g.outputWidth
        return input + ((b * g.inputHeight + oy * g.strideHeight) * g.inputWidth + ox * g.strideWidth) * g.inputChannels
      }
      return
    }
    let padding = Int8(truncatingIfNeeded: -inputOffset)
    let inputEnd = input + g.batches * g.inputHeight * g.inputWidth * g.inputChannels
    let rowBytes = g.filterWidth * g.inputChannels
    packed.gemm(pixels: pixels, output: output, outputStride: g.outputChannels, scratch: scratch, threads: threads) {
      p, scratch in
      let column = (scratch + packed.scratchBytes).bindMemory(to: Int8.self, capacity: packed.depth)
      let b = p / perImage
      let oy = (p % perImage) / g.outputWidth
      let ox = p % g.outputWidth
      var k = 0
      let xOrigin = ox * g.strideWidth - g.padLeft
      let contiguous = g.dilationWidth == 1 && xOrigin >= 0 && xOrigin + g.filterWidth <= g.inputWidth
      for fy in 0..<g.filterHeight {
        let y = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
        if contiguous, y >= 0, y < g.inputHeight {
          copyRow(from: input + ((b * g.inputHeight + y) * g.inputWidth + xOrigin) * g.inputChannels, to: column + k)
          k += rowBytes
          continue
        }
        for fx in 0..<g.filterWidth {
          let x = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
          if y >= 0, y < g.inputHeight, x >= 0, x < g.inputWidth {
            (column + k).update(
              from: input + ((b * g.inputHeight + y) * g.inputWidth + x) * g.inputChannels, count: g.inputChannels)
          } else {
            (column + k).update(repeating: padding, count: g.inputChannels)
          }
          k += g.inputChannels
        }
      }
      return UnsafePointer(column)
    }

    /// Copies `rowBytes` bytes in whole 16-byte vectors while they stay inside the input; the last store may
    /// run up to 15 bytes past the row, into the next row's place (written after) or the column's slack.
    @inline(__always)
    func copyRow(from source: UnsafePointer<Int8>, to destination: UnsafeMutablePointer<Int8>) {
      var offset = 0
      while offset < rowBytes {
        guard source + offset + 16 <= inputEnd else {
          (destination + offset).update(from: source + offset, count: rowBytes - offset)
          return
        }
        UnsafeMutableRawPointer(destination + offset).storeBytes(
          of: UnsafeRawPointer(source + offset).loadUnaligned(as: SIMD16<Int8>.self), as: SIMD16<Int8>.self)
        offset += 16
      }
    }
  }
}

extension FullyConnectedPlan {
  var scratchBytes: Int { packed.scratchBytes }

  func eval(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads = .serial
  ) {
    packed.gemm(pixels: batches, output: output, outputStride: units, scratch: scratch, threads: threads) { b, _ in
      input + b * depth
    }
  }
}

extension FloatTransposeConvPlan {
  /// The reference's scatter, with each tap's products for all output channels as one row of vectors (the
  /// additions into each output are the reference's, in its order), then the bias and the clamp per pixel.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let g = geometry
    let channels = g.outputChannels
    let outputSize = g.batches * g.outputHeight * g.outputWidth * channels
    output.update(repeating: 0, count: outputSize)
    weights.withUnsafeBufferPointer { filter in
      for b in 0..<g.batches {
        for iy in 0..<g.inputHeight {
          for ix in 0..<g.inputWidth {
            let pixel = input + ((b * g.inputHeight + iy) * g.inputWidth + ix) * g.inputChannels
            for ic in 0..<g.inputChannels {
              let value = FloatVector(repeating: pixel[ic])
              @_optimize(speed)
              @inline(__always) func scatter(_ sum: FloatVector, _ weight: FloatVector) -> FloatVector {
                sum + value * weight
              }
              for fy in 0..<g.filterHeight {
                let oy = iy * g.strideHeight - g.padTop + fy
                guard oy >= 0, oy < g.outputHeight else { continue }
                for fx in 0..<g.filterWidth {
                  let ox = ix * g.strideWidth - g.padLeft + fx
                  guard ox >= 0, ox < g.outputWidth else { continue }
                  let target = output + ((b * g.outputHeight + oy) * g.outputWidth + ox) * channels
                  let tap = filter.baseAddress! + ((fy * g.filterWidth + fx) * g.inputChannels + ic) * channels
                  combineFloats(target, 1, tap, 1, target, count: channels, scatter)
                }
              }
            }
          }
        }
      }
    }
    let range = self.range
    @_optimize(speed)
    @inline(__always) func finish(_ sum: FloatVector, _ bias: FloatVector) -> FloatVector { range.clamp(sum + bias) }
    @_optimize(speed)
    @inline(__always) func clamp(_ sum: FloatVector) -> FloatVector { range.clamp(sum) }
    bias.withUnsafeBufferPointer { bias in
      for pixel in stride(from: 0, to: outputSize, by: channels) {
        if hasBias {
          combineFloats(output + pixel, 1, bias.baseAddress!, 1, output + pixel, count: channels, finish)
        } else {
          mapFloats(output + pixel, output + pixel, count: channels, clamp)
        }
      }
    }
  }
}

extension FloatTransposeConvPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let g = geometry
    let outputSize = g.batches * g.outputHeight * g.outputWidth * g.outputChannels
    output.update(repeating: 0, count: outputSize)
    let filterStride = g.filterHeight * g.filterWidth * g.inputChannels
    weights.withUnsafeBufferPointer { filter in
      for b in 0..<g.batches {
        for iy in 0..<g.inputHeight {
          for ix in 0..<g.inputWidth {
            let pixel = input + ((b * g.inputHeight + iy) * g.inputWidth + ix) * g.inputChannels
            for ic in 0..<g.inputChannels {
              let value = pixel[ic]
              for fy in 0..<g.filterHeight {
                let oy = iy * g.strideHeight - g.padTop + fy
                guard oy >= 0, oy < g.outputHeight else { continue }
                for fx in 0..<g.filterWidth {
                  let ox = ix * g.strideWidth - g.padLeft + fx
                  guard ox >= 0, ox < g.outputWidth else { continue }
                  let target = output + ((b * g.outputHeight + oy) * g.outputWidth + ox) * g.outputChannels
                  let tap = (fy * g.filterWidth + fx) * g.inputChannels + ic
                  for oc in 0..<g.outputChannels { target[oc] += value * filter[oc * filterStride + tap] }
                }
              }
            }
          }
        }
      }
    }
    for i in 0..<outputSize {
      let value = hasBias ? output[i] + bias[i % g.outputChannels] : output[i]
      output[i] = range.clamp(value)
    }
  }
}

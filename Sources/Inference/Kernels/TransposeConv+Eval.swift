extension TransposeConvPlan {
  /// One batch at a time: clear its int32 accumulators, scatter each input pixel's products over the output
  /// window it reaches, then requantize.
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer) {
    let outputPixels = outputHeight * outputWidth
    let accumulators = scratch.bindMemory(to: Int32.self, capacity: outputPixels * outputChannels)
    weights.withUnsafeBufferPointer { weights in
      for b in 0..<batches {
        accumulators.update(repeating: 0, count: outputPixels * outputChannels)
        for iy in 0..<inputHeight {
          for ix in 0..<inputWidth {
            let pixel = input + ((b * inputHeight + iy) * inputWidth + ix) * inputChannels
            for fy in 0..<filterHeight {
              let oy = iy * strideHeight - padTop + fy
              guard oy >= 0, oy < outputHeight else { continue }
              for fx in 0..<filterWidth {
                let ox = ix * strideWidth - padLeft + fx
                guard ox >= 0, ox < outputWidth else { continue }
                let sums = accumulators + (oy * outputWidth + ox) * outputChannels
                for oc in 0..<outputChannels {
                  let filter = weights.baseAddress! + ((oc * filterHeight + fy) * filterWidth + fx) * inputChannels
                  var sum: Int32 = 0
                  for ic in 0..<inputChannels { sum &+= (Int32(pixel[ic]) &- inputZeroPoint) &* Int32(filter[ic]) }
                  sums[oc] &+= sum
                }
              }
            }
          }
        }
        let out = output + b * outputPixels * outputChannels
        for p in 0..<outputPixels {
          for oc in 0..<outputChannels {
            let i = p * outputChannels + oc
            out[i] = stage.requantize(accumulators[i] &+ stage.bias[oc], channel: oc)
          }
        }
      }
    }
  }
}

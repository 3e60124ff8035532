/// TFLite's `reference_integer_ops::AveragePool` / `MaxPool`, one channel at a time: windows are clipped to
/// the input, an average divides by the number of pixels inside, rounding half away from zero. The fast
/// kernel (`Pool2DPlan.eval`) is tested against it.
@_optimize(speed)
func pool2DReference(_ plan: Pool2DPlan, input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
  let (g, kind, minimum, maximum) = (plan.geometry, plan.kind, plan.minimum, plan.maximum)
  let channels = g.inputChannels
  for b in 0..<g.batches {
    for oy in 0..<g.outputHeight {
      let yOrigin = oy * g.strideHeight - g.padTop
      let yStart = max(0, -yOrigin)
      let yEnd = min(g.filterHeight, g.inputHeight - yOrigin)
      for ox in 0..<g.outputWidth {
        let xOrigin = ox * g.strideWidth - g.padLeft
        let xStart = max(0, -xOrigin)
        let xEnd = min(g.filterWidth, g.inputWidth - xOrigin)
        let count = Int32((yEnd - yStart) * (xEnd - xStart))
        let out = output + ((b * g.outputHeight + oy) * g.outputWidth + ox) * channels
        for c in 0..<channels {
          var acc: Int32 = kind == .max ? -128 : 0
          for fy in yStart..<yEnd {
            let row = input + ((b * g.inputHeight + yOrigin + fy) * g.inputWidth + xOrigin) * channels + c
            for fx in xStart..<xEnd {
              let value = Int32(row[fx * channels])
              acc = kind == .max ? max(acc, value) : acc &+ value
            }
          }
          if kind == .average {
            acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count
          }
          out[c] = Int8(truncatingIfNeeded: min(max(acc, minimum), maximum))
        }
      }
    }
  }
}

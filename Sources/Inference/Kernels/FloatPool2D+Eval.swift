extension FloatPool2DPlan {
  /// Per output pixel, 8 channels at a time, each lane in the reference's order.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let (g, isMax, range) = (geometry, kind == .max, range)
    let channels = g.inputChannels
    var out = output
    for b in 0..<g.batches {
      let image = input + b * g.inputHeight * g.inputWidth * channels
      for oy in 0..<g.outputHeight {
        let yOrigin = oy * g.strideHeight - g.padTop
        let (yStart, yEnd) = (max(0, -yOrigin), min(g.filterHeight, g.inputHeight - yOrigin))
        for ox in 0..<g.outputWidth {
          let xOrigin = ox * g.strideWidth - g.padLeft
          let (xStart, xEnd) = (max(0, -xOrigin), min(g.filterWidth, g.inputWidth - xOrigin))
          let count = FloatVector(repeating: Float((yEnd - yStart) * (xEnd - xStart)))
          for c in stride(from: 0, to: channels, by: 8) {
            let lanes = min(8, channels - c)
            var result = FloatVector(repeating: isMax ? -.greatestFiniteMagnitude : 0)
            for fy in yStart..<yEnd {
              let row = image + ((yOrigin + fy) * g.inputWidth + xOrigin) * channels + c
              for fx in xStart..<xEnd {
                let x = FloatVector(lanes: row + fx * channels, count: lanes)
                result = isMax ? choose(result .< x, x, result) : result + x
              }
            }
            range.clamp(isMax ? result : result / count).storeLanes(to: out + c, count: lanes)
          }
          out += channels
        }
      }
    }
  }
}
